using System.ComponentModel.DataAnnotations;
using CrmSignalWorker.Core.Configuration;

namespace CrmSignalWorker.Notifications.Email;

/// <summary>SMTP submission, bound from the "Smtp" configuration section.</summary>
public sealed class SmtpOptions : IValidatableObject
{
    public const string SectionName = "Smtp";

    /// <summary>Relay host name or address; empty when email is not used (required once any email recipient is configured).</summary>
    public string Host { get; set; } = string.Empty;

    /// <summary>Relay port. Default 25.</summary>
    [SettingRange(1, 65535, ErrorMessage = "Smtp:Port must be between 1 and 65535")]
    public int Port { get; set; } = 25;

    /// <summary>Transport security. Default <see cref="SmtpSecurity.StartTlsWhenAvailable"/>.</summary>
    [EnumDataType(typeof(SmtpSecurity), ErrorMessage = "Smtp:Security must be None, StartTls, StartTlsWhenAvailable or SslOnConnect")]
    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTlsWhenAvailable;

    /// <summary>Account to authenticate as; when null or empty the sender does not authenticate.</summary>
    public string? UserName { get; set; }

    /// <summary>Password for <see cref="UserName"/>. A secret: never logged.</summary>
    public string? Password { get; set; }

    /// <summary>Sender mailbox, e.g. "CRM Signals &lt;signals@example.com&gt;". Required with <see cref="Host"/>.</summary>
    [MailboxAddress(ErrorMessage = "Smtp:From must be an email address such as signals@example.com")]
    public string From { get; set; } = string.Empty;

    /// <summary>How long each SMTP step (connect, command, data) may take. Default 30 seconds.</summary>
    [SettingRange(typeof(TimeSpan), "00:00:01", "00:10:00", ErrorMessage = "Smtp:Timeout must be between 1 second and 10 minutes")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>False for a Slack-only installation: no relay configured.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (IsConfigured && string.IsNullOrWhiteSpace(From))
        {
            yield return new ValidationResult("Smtp:From is required when Smtp:Host is set", [nameof(From)]);
        }

        // A user name without a password would reach the server and fail authentication on every digest.
        if (!string.IsNullOrEmpty(UserName) && string.IsNullOrEmpty(Password))
        {
            yield return new ValidationResult("Smtp:Password is required when Smtp:UserName is set", [nameof(Password)]);
        }
    }
}
