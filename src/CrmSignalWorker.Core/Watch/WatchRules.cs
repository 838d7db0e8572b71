using System.Globalization;
using CrmSignalWorker.Core.Alerts;

namespace CrmSignalWorker.Core.Watch;

/// <summary>The thresholds of the watch rules, from configuration.</summary>
public sealed record WatchThresholds(
    TimeSpan QuietPeriod,
    TimeZoneInfo BusinessTimeZone,
    TimeOnly BusinessStart,
    TimeOnly BusinessEnd,
    TimeSpan MaxStreamLag,
    double ApiShareWarning,
    int QuarantineSpike,
    int ReceiverFailures);

/// <summary>
/// Watches the watcher: turns the worker's own state into operator alerts. A stream that stores nothing for the quiet
/// period during business hours (Salesforce streams that stop without an error are the usual way change data goes
/// missing), a stream that stores late, an API budget near its cap, a burst of quarantined payloads, or a receiver
/// that keeps failing. Keys carry the hour or day, so an ongoing condition alerts once per period, not on every check.
/// </summary>
public static class WatchRules
{
    public static IReadOnlyList<OperatorAlert> Evaluate(WatchSnapshot snapshot, WatchThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(thresholds);
        var now = snapshot.Now;
        var hour = now.UtcDateTime.ToString("yyyy-MM-ddTHH", CultureInfo.InvariantCulture);
        var day = now.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var alerts = new List<OperatorAlert>();

        foreach (var stream in snapshot.Streams)
        {
            if (IsBusinessHours(now, thresholds) && stream.StoredAt is { } storedAt && now - storedAt > thresholds.QuietPeriod)
            {
                alerts.Add(new OperatorAlert(
                    $"watch:quiet:{stream.Stream}:{hour}", AlertSeverity.Warning, $"No changes from {stream.Stream} for {Describe(now - storedAt)}",
                    $"{stream.Stream} has stored nothing since {storedAt.UtcDateTime:u} during business hours. A stream that stops without an error "
                    + "loses changes quietly: check the org's CDC entity selection and the worker's stream restarts.",
                    now));
            }

            if (stream.StoredAt is { } stored && stream.NewestCommit is { } committed && stored - committed > thresholds.MaxStreamLag)
            {
                alerts.Add(new OperatorAlert(
                    $"watch:lag:{stream.Stream}:{hour}", AlertSeverity.Warning, $"{stream.Stream} is {Describe(stored - committed)} behind",
                    $"The last batch of {stream.Stream} stored changes committed in Salesforce {Describe(stored - committed)} earlier "
                    + $"(more than {Describe(thresholds.MaxStreamLag)}). Signals and digests run on late data until it catches up.",
                    now));
            }
        }

        if (snapshot.ApiShare is { } share && share >= thresholds.ApiShareWarning)
        {
            alerts.Add(new OperatorAlert(
                $"watch:api-budget:{day}", AlertSeverity.Warning, $"Salesforce API budget at {share:P0}",
                $"The org has used {share:P0} of its daily API allocation (warning at {thresholds.ApiShareWarning:P0}). Non-essential polling pauses "
                + "at the budget share; other integrations may be using the allocation too.",
                now));
        }

        if (snapshot.QuarantinedLastHour >= thresholds.QuarantineSpike)
        {
            alerts.Add(new OperatorAlert(
                $"watch:quarantine:{hour}", AlertSeverity.Critical, $"{snapshot.QuarantinedLastHour} payloads quarantined in the last hour",
                $"{snapshot.QuarantinedLastHour} payloads could not be decoded in the last hour (alert at {thresholds.QuarantineSpike}). They are kept whole; "
                + "`crmsignal quarantine list` shows why, and `crmsignal quarantine redrive` stores them once fixed.",
                now));
        }

        foreach (var receiver in snapshot.Receivers.Where(r => r.Failing >= thresholds.ReceiverFailures))
        {
            alerts.Add(new OperatorAlert(
                $"watch:receiver:{receiver.Channel}:{hour}", AlertSeverity.Critical, $"{receiver.Channel} deliveries are failing",
                $"{receiver.Failing} {receiver.Channel} messages failed in the last hour; last error: {receiver.LastError ?? "none recorded"}. "
                + "They are retried from the outbox and nothing is lost, but digests and alerts are late.",
                now));
        }

        return alerts;
    }

    /// <summary>Weekdays between the configured start and end, in the business time zone.</summary>
    public static bool IsBusinessHours(DateTimeOffset now, WatchThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        var local = TimeZoneInfo.ConvertTime(now, thresholds.BusinessTimeZone);
        var time = TimeOnly.FromDateTime(local.DateTime);
        return local.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && time >= thresholds.BusinessStart && time < thresholds.BusinessEnd;
    }

    private static string Describe(TimeSpan span) => span.TotalHours >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{span.TotalHours:0.#} h")
        : string.Create(CultureInfo.InvariantCulture, $"{span.TotalMinutes:0} min");
}
