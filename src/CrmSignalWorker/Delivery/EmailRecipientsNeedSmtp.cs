using CrmSignalWorker.Alerts;
using CrmSignalWorker.Digests;
using CrmSignalWorker.Notifications.Email;
using Microsoft.Extensions.Options;

namespace CrmSignalWorker.Delivery;

/// <summary>
/// SMTP is optional for a Slack-only installation, but a configured email recipient without a relay would only show
/// up as failing outbox rows; refuse to start instead, naming both settings.
/// </summary>
public sealed class EmailRecipientsNeedSmtp(IOptions<DigestOptions> digest, IOptions<OperatorAlertOptions> operatorAlerts, IOptions<SignalAlertOptions> signalAlerts) : IValidateOptions<SmtpOptions>
{
    public ValidateOptionsResult Validate(string? name, SmtpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.IsConfigured)
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        if (digest.Value.EmailTo.Count > 0)
        {
            failures.Add("Smtp:Host is required because Digest:EmailTo lists recipients");
        }

        if (operatorAlerts.Value.EmailTo.Count > 0)
        {
            failures.Add("Smtp:Host is required because OperatorAlerts:EmailTo lists recipients");
        }

        if (signalAlerts.Value.EmailTo.Count > 0)
        {
            failures.Add("Smtp:Host is required because Alerts:EmailTo lists recipients");
        }

        return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }
}
