using CrmSignalWorker.Core.Alerts;
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
    OperatorAlertMessages messages,
    IOptions<OperatorAlertOptions> options,
    WorkerTelemetry telemetry,
    ILogger<OperatorAlertPublisher> logger)
{
    public async Task RaiseAsync(OperatorAlert alert, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(alert);
        logger.OperatorAlertRaised(alert.Key, alert.Severity, alert.Title, alert.Detail);
        telemetry.OperatorAlerts.Add(1, new KeyValuePair<string, object?>("severity", alert.Severity.ToString().ToLowerInvariant()));
        foreach (var message in messages.For(alert, "alert:" + alert.Key, options.Value.Slack, options.Value.EmailTo))
        {
            await outbox.EnqueueAsync(message, ct);
        }
    }
}
