using System.Globalization;
using CrmSignalWorker.Hosting;
using CrmSignalWorker.Storage.Lifecycle;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmSignalWorker.Lifecycle;

/// <summary>
/// Partition maintenance on a schedule: the current month's partition and the next <see cref="MonthsAhead"/> exist before
/// rows need them, rows that landed in the DEFAULT partition (an initial poll or a backfill reaching far back) move into a
/// partition of their month, and months older than Retention:Months are dropped whole. Every drop is logged with its rows.
/// </summary>
public sealed class RetentionJob(
    PartitionMaintenance partitions,
    IOptions<RetentionOptions> options,
    TimeProvider timeProvider,
    ILogger<RetentionJob> logger) : IPeriodicJob
{
    /// <summary>Months created ahead: weeks without maintenance (an outage, a stopped worker) still find every insert a partition.</summary>
    public const int MonthsAhead = 2;

    public string Name => "retention";

    public TimeSpan Interval => options.Value.Interval;

    public async Task RunOnceAsync(CancellationToken ct)
    {
        var window = RetentionWindow.For(DateOnly.FromDateTime(timeProvider.GetUtcNow().UtcDateTime), options.Value.Months, MonthsAhead);
        var changes = await partitions.MaintainAsync(window, ct);
        if (changes is null)
        {
            logger.MaintenanceSkipped();
            return;
        }

        foreach (var change in changes)
        {
            switch (change)
            {
                case PartitionCreated created:
                    logger.PartitionCreated(created.Partition.Name, created.Table.Name, created.Partition.From.ToString("yyyy-MM", CultureInfo.InvariantCulture), created.RowsMoved);
                    break;
                case PartitionDropped dropped:
                    logger.PartitionDropped(dropped.Partition.Name, dropped.Table.Name, Day(dropped.Partition.From), Day(dropped.Partition.To), dropped.Rows, options.Value.Months);
                    break;
                case DefaultRowsPurged purged:
                    logger.DefaultRowsPurged(purged.Rows, Day(purged.Cutoff), purged.Table.Name);
                    break;
            }
        }

        logger.MaintenanceDone(changes.Count, Day(window.Cutoff));
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
