using CrmSignalWorker.Core.Alerts;
using Microsoft.Extensions.Logging;

namespace CrmSignalWorker.Sources;

/// <summary>Logs of the change-stream source, its gap re-reads and operator alerts.</summary>
internal static partial class ChangeStreamLog
{
    [LoggerMessage(400, LogLevel.Information, "Change streams are disabled: PubSub:Endpoint is not set")]
    public static partial void ChangeStreamsDisabled(this ILogger logger);

    [LoggerMessage(401, LogLevel.Information, "Change stream {Topic} starting from {Start}")]
    public static partial void ChangeStreamStarting(this ILogger logger, string topic, string start);

    [LoggerMessage(402, LogLevel.Error, "Change stream {Topic} failed")]
    public static partial void ChangeStreamFailed(this ILogger logger, Exception exception, string topic);

    [LoggerMessage(403, LogLevel.Warning, "Change stream {Topic} restarts in {Delay} from its stored replay id (consecutive failures: {Failures})")]
    public static partial void ChangeStreamRestarting(this ILogger logger, string topic, TimeSpan delay, int failures);

    [LoggerMessage(404, LogLevel.Critical, "Change stream {Topic} lost its position: replay id {ReplayId} is no longer accepted; {Rereads} history re-reads queued from {Since}")]
    public static partial void ChangeStreamPositionLost(this ILogger logger, string topic, string replayId, int rereads, DateTimeOffset since);

    [LoggerMessage(405, LogLevel.Warning, "Event {SourceKey} on {Topic} quarantined: {Reason}")]
    public static partial void EventQuarantined(this ILogger logger, string topic, string sourceKey, string reason);

    [LoggerMessage(406, LogLevel.Warning, "Gap on {Topic}: {HistoryObject} queued for a re-read of {Records} records (0 = all) from {Since}")]
    public static partial void GapQueuedForReread(this ILogger logger, string topic, string historyObject, int records, DateTimeOffset since);

    [LoggerMessage(407, LogLevel.Warning, "The user directory could not be refreshed from Salesforce; unknown writers stay unknown until the next sync")]
    public static partial void UserDirectoryUnavailable(this ILogger logger, Exception exception);

    [LoggerMessage(408, LogLevel.Information, "Change stream {Topic} is now streamed by this replica ({Holder})")]
    public static partial void StreamLeaseTaken(this ILogger logger, string topic, string holder);

    [LoggerMessage(409, LogLevel.Warning, "Lease {Lease} lost by {Holder}; another replica streams it now")]
    public static partial void StreamLeaseLost(this ILogger logger, string lease, string holder);

    [LoggerMessage(412, LogLevel.Warning, "Could not check lease {Lease}; not streaming until it can")]
    public static partial void StreamLeaseCheckFailed(this ILogger logger, Exception exception, string lease);

    [LoggerMessage(410, LogLevel.Information, "Re-read {HistoryObject} for {Records} records (0 = all) from {Since}: {Added} new rows ({Reason})")]
    public static partial void RereadDone(this ILogger logger, string historyObject, int records, DateTimeOffset since, int added, string reason);

    [LoggerMessage(411, LogLevel.Error, "Re-reading {HistoryObject} failed for good ({Reason})")]
    public static partial void RereadFailed(this ILogger logger, Exception exception, string historyObject, string reason);

    [LoggerMessage(420, LogLevel.Warning, "Operator alert {Key} ({Severity}): {Title}. {Detail}")]
    public static partial void OperatorAlertRaised(this ILogger logger, string key, AlertSeverity severity, string title, string detail);
}
