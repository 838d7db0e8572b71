using System.Text.Json;
using CrmSignalWorker.Core.Alerts;
using CrmSignalWorker.Digests;
using CrmSignalWorker.Notifications.Email;
using CrmSignalWorker.Notifications.Slack;
using CrmSignalWorker.Storage.Outbox;
using CrmSignalWorker.Sources;
using CrmSignalWorker.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmSignalWorker.Alerts;

/// <summary>
/// Raises an operator alert: logs it, counts it and queues it in the outbox for Slack and email. The alert's key is
/// the idempotency key, so raising one occurrence twice (a retry, a restart) sends it once.
/// </summary>
public sealed class OperatorAlertPublisher(
    OutboxStore outbox,
    SlackOperatorAlertRenderer slackRenderer,
    EmailOperatorAlertRenderer emailRenderer,
    IOptions<OperatorAlertOptions> options,
    IOptions<SlackOptions> slackOptions,
    WorkerTelemetry telemetry,
    ILogger<OperatorAlertPublisher> logger)
{
    public async Task RaiseAsync(OperatorAlert alert, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(alert);
        logger.OperatorAlertRaised(alert.Key, alert.Severity, alert.Title, alert.Detail);
        telemetry.OperatorAlerts.Add(1, new KeyValuePair<string, object?>("severity", alert.Severity.ToString().ToLowerInvariant()));
        var key = "alert:" + alert.Key;
        var settings = options.Value;
        if (settings.Slack && !string.IsNullOrEmpty(slackOptions.Value.WebhookUrl))
        {
            var message = slackRenderer.Render(alert);
            await outbox.EnqueueAsync(
                new OutboxItem($"{key}:{DigestComposer.SlackChannel}", DigestComposer.SlackChannel, DigestComposer.DefaultSlackRoute, JsonSerializer.Serialize(message)), ct);
        }

        if (settings.EmailTo.Count > 0)
        {
            var (subject, html, text) = emailRenderer.Render(alert);
            var message = new EmailMessage(settings.EmailTo, subject, html, text);
            await outbox.EnqueueAsync(
                new OutboxItem($"{key}:{DigestComposer.EmailChannel}", DigestComposer.EmailChannel, string.Join(',', settings.EmailTo), JsonSerializer.Serialize(message)), ct);
        }
    }
}
