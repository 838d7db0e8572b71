using CrmSignalWorker.Core.Normalization;
using CrmSignalWorker.Salesforce.History;
using CrmSignalWorker.Sources;
using CrmSignalWorker.Storage.Ingest;
using CrmSignalWorker.Storage.Lifecycle;
using CrmSignalWorker.Storage.Records;
using CrmSignalWorker.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CrmSignalWorker.Lifecycle;

/// <summary>What a backfill did for one history object.</summary>
/// <param name="New">Stored rows that were missing: field changes, snapshots and quarantined rows, as a poll counts them.</param>
/// <param name="NewWorkflowEvents">Workflow events derived from the new rows.</param>
public sealed record BackfillResult(string HistoryObject, int Pages, int Read, int New, int NewWorkflowEvents);

/// <summary>
/// Reads the history created in a closed range again and stores what is missing (`crmsignal backfill`). Rows go through
/// the same de-duplication as a poll (source key and write key), so rows already stored add nothing and a backfill can
/// be repeated or overlap the poll. No checkpoint moves: the poll carries on from its own watermark.
/// </summary>
public sealed class HistoryBackfill(
    UserDirectorySync users,
    RecordStore records,
    HistoryReader reader,
    ChangeStore store,
    PartitionMaintenance partitions,
    IOptions<HistoryOptions> options,
    NormalizationRules rules,
    WorkerTelemetry telemetry,
    TimeProvider timeProvider,
    ILogger<HistoryBackfill> logger)
{
    /// <param name="from">Inclusive; whole seconds, as history timestamps are.</param>
    /// <param name="to">Exclusive.</param>
    public async Task<IReadOnlyList<BackfillResult>> RunAsync(DateTimeOffset from, DateTimeOffset to, IReadOnlyList<string> historyObjects, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(historyObjects);
        if (to <= from)
        {
            throw new ArgumentException($"The range must end after it starts ({from:u} to {to:u}).", nameof(to));
        }

        await EnsurePartitionsAsync(from, to, ct);
        // The writers of old rows may be gone from a directory synced since; one users query keeps attribution current.
        var directory = await users.SyncAsync(ct);
        var results = new List<BackfillResult>();
        foreach (var historyObject in historyObjects)
        {
            int pages = 0, read = 0, added = 0, events = 0;
            await foreach (var page in reader.ReadRangeAsync(historyObject, from, to, options.Value.IncludeDeleted, ct))
            {
                pages++;
                read += page.Rows.Count + page.Snapshots.Count + page.Quarantined.Count;
                var markets = await records.MarketsAsync(page.Rows.Select(r => r.ParentId).ToHashSet(StringComparer.Ordinal), ct);
                var normalized = HistoryNormalizer.Normalize(page.Rows, directory, markets, rules);
                var result = await store.IngestBackfillAsync(
                    new IngestBatch(normalized.FieldChanges, normalized.WorkflowEvents, page.Snapshots, page.Quarantined), historyObject, ct);
                added += result.FieldChanges + result.Snapshots + result.Quarantined;
                events += result.WorkflowEvents;
                var tags = new System.Diagnostics.TagList { { "source", "backfill" }, { "object", historyObject } };
                telemetry.ChangesIngested.Add(result.FieldChanges + result.Snapshots, tags);
                telemetry.RowsQuarantined.Add(result.Quarantined, tags);
            }

            logger.Backfilled(historyObject, from, to, read, added);
            results.Add(new BackfillResult(historyObject, pages, read, added, events));
        }

        return results;
    }

    /// <summary>
    /// Creates the partitions of the range's months first, so its rows land in their month and not in DEFAULT. Months
    /// ahead of the current one are the retention job's, and no history can be dated there. Not getting the locks in
    /// time (ingestion is busy) does not stop the backfill: its rows then wait in DEFAULT for the retention job.
    /// </summary>
    private async Task EnsurePartitionsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        try
        {
            await partitions.EnsureMonthsAsync(MonthsOf(from, Min(to, timeProvider.GetUtcNow())), ct);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.LockNotAvailable)
        {
            logger.BackfillPartitionsDeferred(ex.MessageText);
        }
    }

    /// <summary>The first days of the months that [from, to) touches.</summary>
    internal static IReadOnlyList<DateOnly> MonthsOf(DateTimeOffset from, DateTimeOffset to)
    {
        var months = new List<DateOnly>();
        if (to <= from)
        {
            return months;
        }

        var last = RetentionWindow.MonthOf(DateOnly.FromDateTime(to.UtcDateTime.AddTicks(-1)));
        for (var month = RetentionWindow.MonthOf(DateOnly.FromDateTime(from.UtcDateTime)); month <= last; month = month.AddMonths(1))
        {
            months.Add(month);
        }

        return months;
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
