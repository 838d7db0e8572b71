using System.ComponentModel.DataAnnotations;
using CrmSignalWorker.Core.Configuration;
using Microsoft.Extensions.Options;

namespace CrmSignalWorker.Digests;

public sealed class DigestOptions : IValidatableObject
{
    public const string SectionName = "Digest";

    /// <summary>Named in the digest's title.</summary>
    [Required(ErrorMessage = "Digest:Audience is required, e.g. RevOps.")]
    public string Audience { get; set; } = "RevOps";

    /// <summary>Local time of day the digest goes out, in <see cref="TimeZone"/>.</summary>
    public TimeOnly SendAt { get; set; } = new(8, 0);

    /// <summary>IANA time zone id of the audience, e.g. Europe/Berlin.</summary>
    [Required(ErrorMessage = "Digest:TimeZone is required (an IANA id such as Europe/Berlin).")]
    public string TimeZone { get; set; } = "UTC";

    /// <summary>Days covered, ending yesterday.</summary>
    [SettingRange(1, 90, ErrorMessage = "Digest:LookbackDays must be between 1 and 90.")]
    public int LookbackDays { get; set; } = 1;

    /// <summary>Post to the Slack webhook in Slack:WebhookUrl.</summary>
    public bool Slack { get; set; } = true;

    /// <summary>Email recipients; empty sends no email.</summary>
    public List<string> EmailTo { get; set; } = [];

    /// <summary>The org's base URL for record links; defaults to the token's instance URL when empty.</summary>
    public string? RecordLinkBaseUrl { get; set; }

    [SettingRange(typeof(TimeSpan), "00:00:05", "01:00:00", ErrorMessage = "Digest:CheckInterval must be between 5 seconds and 1 hour.")]
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!System.TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _))
        {
            yield return new ValidationResult($"Digest:TimeZone '{TimeZone}' is not a known time zone id.", [nameof(TimeZone)]);
        }

        foreach (var address in EmailTo)
        {
            if (!System.Net.Mail.MailAddress.TryCreate(address, out _))
            {
                yield return new ValidationResult($"Digest:EmailTo holds '{address}', which is not an email address.", [nameof(EmailTo)]);
            }
        }
    }
}

[OptionsValidator]
public sealed partial class DigestOptionsValidator : IValidateOptions<DigestOptions>
{
}
