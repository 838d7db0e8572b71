using System.Globalization;
using CrmSignalWorker.Core.Alerts;
using CrmSignalWorker.Core.Signals;
using CrmSignalWorker.Hosting;
using CrmSignalWorker.Storage.Alerts;
using CrmSignalWorker.Storage.Outbox;
using CrmSignalWorker.Storage.Signals;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmSignalWorker.Alerts;

/// <summary>
/// Turns today's stored signal values into alert changes through <see cref="AlertPolicy"/>, and queues a message for
/// each change people should hear about, in the same transaction as the change.
/// </summary>
public sealed class SignalAlertJob(
    SignalStore signals,
    AlertStore alerts,
    OperatorAlertMessages alertMessages,
    IOptions<SignalAlertOptions> options,
    TimeProvider timeProvider,
    ILogger<SignalAlertJob> logger) : IPeriodicJob
{
    private const int RecordsShown = 10;

    public string Name => "signal-alerts";

    public TimeSpan Interval => options.Value.CheckInterval;

    public async Task RunOnceAsync(CancellationToken ct)
    {
        var now = timeProvider.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var evaluated = new HashSet<(string Signal, string Segment)>();
        var findings = new List<Finding>();
        foreach (var signal in SignalNames.All)
        {
            foreach (var value in await signals.ReadAsync(signal, today, today, ct))
            {
                evaluated.Add((value.Signal, value.Segment));
                if (value.Breached)
                {
                    // No automation yet: the root-cause grouping that names one comes with the trace.
                    findings.Add(new Finding(value.Signal, value.Segment, null, AlertSeverity.Warning, value.Value, value.Threshold, value.OffendingRecordIds));
                }
            }
        }

        var policy = new AlertPolicy(new AlertPolicyOptions(options.Value.RepeatInterval), timeProvider);
        var decisions = policy.Apply(new Evaluation(evaluated, findings), await alerts.OpenAsync(ct), await alerts.SilencesAsync(now, ct));
        var messages = decisions.Where(d => d.Notify).SelectMany(d => Messages(d, now)).ToList();
        await alerts.ApplyAsync(decisions, messages, now, ct);
        foreach (var decision in decisions.Where(d => d.Change != AlertChange.Updated))
        {
            logger.SignalAlertChanged(decision.Alert.Key, decision.Change, decision.Notify, decision.Alert.Value);
        }
    }

    private IEnumerable<OutboxItem> Messages(AlertDecision decision, DateTimeOffset now)
    {
        var alert = decision.Alert;
        var title = string.Create(CultureInfo.InvariantCulture,
            $"{Verb(decision.Change)}: {SignalNames.Describe(alert.Signal)} in {alert.Segment} at {alert.Value:P1} (threshold {alert.Threshold:P1})");
        var shown = string.Join(", ", alert.RecordIds.Take(RecordsShown));
        var more = alert.RecordIds.Count > RecordsShown ? $" and {alert.RecordIds.Count - RecordsShown} more" : "";
        var detail = decision.Change == AlertChange.Resolved
            ? string.Create(CultureInfo.InvariantCulture, $"The signal fell back under its threshold. Open since {alert.OpenedAt.UtcDateTime:u}.")
            : string.Create(CultureInfo.InvariantCulture,
                $"{alert.RecordIds.Count} offending record(s): {shown}{more}. Open since {alert.OpenedAt.UtcDateTime:u}; `crmsignal trace <record>` shows how each got there.");
        var message = new Core.Alerts.OperatorAlert(alert.Key, alert.Severity, title, detail, now);
        // One key per notification of one incident: a retry or a restart queues nothing twice.
        var key = string.Create(CultureInfo.InvariantCulture, $"signal-alert:{alert.Key}:{alert.OpenedAt.UtcTicks}:{alert.Notifications}");
        return alertMessages.For(message, key, options.Value.Slack, options.Value.EmailTo);
    }

    private static string Verb(AlertChange change) => change switch
    {
        AlertChange.Opened => "Alert",
        AlertChange.Repeated => "Still firing",
        AlertChange.Escalated => "Escalated",
        AlertChange.Resolved => "Resolved",
        _ => "Updated",
    };
}

internal static partial class SignalAlertLog
{
    [LoggerMessage(480, LogLevel.Information, "Signal alert {Key}: {Change} (notified: {Notified}, value {Value})")]
    public static partial void SignalAlertChanged(this ILogger logger, string key, AlertChange change, bool notified, decimal value);
}
