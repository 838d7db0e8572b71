using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace CrmSignalWorker.Alerts;

/// <summary>Where alerts about the worker itself (a lost stream position, a back-fill) go.</summary>
public sealed class OperatorAlertOptions : IValidatableObject
{
    public const string SectionName = "OperatorAlerts";

    /// <summary>Post to the Slack webhook in Slack:WebhookUrl.</summary>
    public bool Slack { get; set; } = true;

    /// <summary>Email recipients (the on-call RevOps or platform engineer); empty sends no email.</summary>
    public List<string> EmailTo { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var address in EmailTo)
        {
            if (!System.Net.Mail.MailAddress.TryCreate(address, out _))
            {
                yield return new ValidationResult($"OperatorAlerts:EmailTo holds '{address}', which is not an email address.", [nameof(EmailTo)]);
            }
        }
    }
}

[OptionsValidator]
public sealed partial class OperatorAlertOptionsValidator : IValidateOptions<OperatorAlertOptions>;
