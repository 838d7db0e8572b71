using System.ComponentModel.DataAnnotations;
using CrmSignalWorker.Core.Configuration;
using Microsoft.Extensions.Options;

namespace CrmSignalWorker.Alerts;

/// <summary>Alerts on process signals: how often they are checked and repeated, and who receives them.</summary>
public sealed class SignalAlertOptions : IValidatableObject
{
    public const string SectionName = "Alerts";

    /// <summary>How often the latest evaluation is turned into alert changes.</summary>
    [SettingRange(typeof(TimeSpan), "00:01:00", "1.00:00:00", ErrorMessage = "Alerts:CheckInterval must be between 1 minute and 1 day")]
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often a firing alert nobody acknowledged is sent again.</summary>
    [SettingRange(typeof(TimeSpan), "00:15:00", "7.00:00:00", ErrorMessage = "Alerts:RepeatInterval must be between 15 minutes and 7 days")]
    public TimeSpan RepeatInterval { get; set; } = TimeSpan.FromHours(4);

    /// <summary>Post to the Slack webhook in Slack:WebhookUrl.</summary>
    public bool Slack { get; set; } = true;

    /// <summary>Email recipients of signal alerts; empty sends no email.</summary>
    public List<string> EmailTo { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var address in EmailTo)
        {
            if (!System.Net.Mail.MailAddress.TryCreate(address, out _))
            {
                yield return new ValidationResult($"Alerts:EmailTo holds '{address}', which is not an email address.", [nameof(EmailTo)]);
            }
        }
    }
}

[OptionsValidator]
public sealed partial class SignalAlertOptionsValidator : IValidateOptions<SignalAlertOptions>;
