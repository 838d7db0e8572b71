using Microsoft.Extensions.Logging;

namespace CrmSignalWorker.Lifecycle;

internal static partial class LifecycleLog
{
    // Host event ids: 100-999; data lifecycle (partitions, retention, backfill): 500-519.
    // Months and days are passed as yyyy-MM(-dd) text: the log formatter would render a DateOnly as MM/dd/yyyy.
    [LoggerMessage(500, LogLevel.Information, "Created partition {Partition} of {Table} for {Month}; {RowsMoved} rows moved in from the DEFAULT partition")]
    public static partial void PartitionCreated(this ILogger logger, string partition, string table, string month, long rowsMoved);

    [LoggerMessage(501, LogLevel.Warning, "Retention dropped partition {Partition} of {Table} ({From} up to {To}) with {Rows} rows: older than Retention:Months = {Months}")]
    public static partial void PartitionDropped(this ILogger logger, string partition, string table, string from, string to, long rows, int months);

    [LoggerMessage(502, LogLevel.Warning, "Retention deleted {Rows} rows from before {Cutoff} out of the DEFAULT partition of {Table}")]
    public static partial void DefaultRowsPurged(this ILogger logger, long rows, string cutoff, string table);

    [LoggerMessage(503, LogLevel.Information, "Partition maintenance skipped: another replica or a backfill holds its lock and does the same work")]
    public static partial void MaintenanceSkipped(this ILogger logger);

    [LoggerMessage(504, LogLevel.Debug, "Partition maintenance done: {Changes} changes, months from {Cutoff} kept")]
    public static partial void MaintenanceDone(this ILogger logger, int changes, string cutoff);

    [LoggerMessage(510, LogLevel.Information, "Backfilled {HistoryObject} from {From} to {To}: {Read} rows read, {New} new")]
    public static partial void Backfilled(this ILogger logger, string historyObject, DateTimeOffset from, DateTimeOffset to, int read, int @new);

    [LoggerMessage(511, LogLevel.Warning, "Backfill could not create the partitions of its months in time ({Reason}); its rows wait in the DEFAULT partition for the retention job")]
    public static partial void BackfillPartitionsDeferred(this ILogger logger, string reason);
}
