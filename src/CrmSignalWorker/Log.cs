using Microsoft.Extensions.Logging;

namespace CrmSignalWorker;

internal static partial class Log
{
    // Host event ids: 100-999.
    [LoggerMessage(100, LogLevel.Error, "Job {Job} failed; it runs again on its next tick")]
    public static partial void JobFailed(this ILogger logger, Exception exception, string job);

    [LoggerMessage(101, LogLevel.Information, "Job {Job} skipped this tick: the API budget guard holds it back ({Pause})")]
    public static partial void JobDeferred(this ILogger logger, string job, Salesforce.Limits.BudgetPause pause);

    [LoggerMessage(102, LogLevel.Warning, "Job {Job} stopped: the org's API allocation is used up; it resumes once GET /limits shows calls remaining")]
    public static partial void JobStoppedByApiLimit(this ILogger logger, string job);

    [LoggerMessage(103, LogLevel.Information, "History poll reads history only: user and record enrichment wait for the API budget ({Pause})")]
    public static partial void EnrichmentDeferred(this ILogger logger, Salesforce.Limits.BudgetPause pause);

    [LoggerMessage(104, LogLevel.Warning, "GET /limits refused with REQUEST_LIMIT_EXCEEDED: the allocation is still used up")]
    public static partial void LimitsStillExceeded(this ILogger logger);

    [LoggerMessage(110, LogLevel.Information, "Synced {Users} Salesforce users ({Unmapped} humans without a team)")]
    public static partial void UsersSynced(this ILogger logger, int users, int unmapped);

    [LoggerMessage(111, LogLevel.Information, "Polled {HistoryObject}: {Pages} pages, {New} new rows, watermark {Watermark}")]
    public static partial void HistoryPolled(this ILogger logger, string historyObject, int pages, int @new, DateTimeOffset? watermark);

    [LoggerMessage(112, LogLevel.Information, "Synced {Records} {ObjectName} records, watermark {Watermark}")]
    public static partial void RecordsSynced(this ILogger logger, string objectName, int records, DateTimeOffset watermark);

    [LoggerMessage(120, LogLevel.Information, "Evaluated {Signal} for {Days} days: {Values} values, {Breaches} breaches")]
    public static partial void SignalEvaluated(this ILogger logger, string signal, int days, int values, int breaches);

    [LoggerMessage(130, LogLevel.Information, "Queued digest {DigestKey} for {Channel}")]
    public static partial void DigestQueued(this ILogger logger, string digestKey, string channel);

    [LoggerMessage(131, LogLevel.Debug, "Digest {DigestKey} for {Channel} was already queued")]
    public static partial void DigestAlreadyQueued(this ILogger logger, string digestKey, string channel);

    [LoggerMessage(132, LogLevel.Information, "Digest {DigestKey} waits: history is read through {PolledThrough}, the period ends {PeriodEnd}")]
    public static partial void DigestWaitsForHistory(this ILogger logger, string digestKey, DateTimeOffset? polledThrough, DateTimeOffset periodEnd);

    [LoggerMessage(140, LogLevel.Information, "Sent outbox message {OutboxId} ({Channel}) on attempt {Attempt}")]
    public static partial void OutboxSent(this ILogger logger, long outboxId, string channel, int attempt);

    [LoggerMessage(141, LogLevel.Warning, "Outbox message {OutboxId} ({Channel}) failed on attempt {Attempt}; next attempt at {NextAttemptAt}: {Error}")]
    public static partial void OutboxRetry(this ILogger logger, long outboxId, string channel, int attempt, DateTimeOffset nextAttemptAt, string error);

    [LoggerMessage(142, LogLevel.Error, "Outbox message {OutboxId} ({Channel}) was parked as failed after attempt {Attempt}: {Error}")]
    public static partial void OutboxParked(this ILogger logger, long outboxId, string channel, int attempt, string error);

    [LoggerMessage(150, LogLevel.Warning, "Stop-the-line flag {Automation} set to {State} by {ChangedBy}")]
    public static partial void FlagChanged(this ILogger logger, string automation, string state, string changedBy);

    [LoggerMessage(151, LogLevel.Error, "Could not mirror flag {Automation} to Redis; the reconciler retries")]
    public static partial void FlagMirrorFailed(this ILogger logger, Exception exception, string automation);

    [LoggerMessage(152, LogLevel.Information, "Mirrored {Flags} stop-the-line flags to Redis")]
    public static partial void FlagsReconciled(this ILogger logger, int flags);
}
