using System.Diagnostics;
using CrmSignalWorker.Core.Actors;
using CrmSignalWorker.Core.Normalization;
using CrmSignalWorker.Hosting;
using CrmSignalWorker.Salesforce.History;
using CrmSignalWorker.Salesforce.Limits;
using CrmSignalWorker.Salesforce.Rest;
using CrmSignalWorker.Storage.Ingest;
using CrmSignalWorker.Storage.Records;
using CrmSignalWorker.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmSignalWorker.Sources;

/// <summary>
/// The history source: for each history object, reads from its watermark, normalizes each page and writes
/// the page with its new watermark in one transaction. A crash loses at most the page in flight, which the
/// next run reads again from the stored watermark.
/// </summary>
/// <remarks>
/// History is the data, so polling it is essential to the API budget guard. The user directory and record sync
/// that enrich it are not: above Salesforce:ApiBudgetShare they are skipped and the poll attributes writes with
/// the directory of its last sync, while a record not synced yet falls back to its writer's market.
/// </remarks>
public sealed class HistorySync(
    UserDirectorySync users,
    RecordSync records,
    RecordStore recordStore,
    HistoryReader reader,
    ChangeStore store,
    ApiBudgetGuard budget,
    IOptions<HistoryOptions> options,
    NormalizationRules rules,
    WorkerTelemetry telemetry,
    SalesforceTelemetry salesforceTelemetry,
    TimeProvider timeProvider,
    ILogger<HistorySync> logger) : IPeriodicJob
{
    // The runner keeps one instance for the life of the process, so the directory outlives a paused enrichment.
    private ActorDirectory? _directory;

    public string Name => "history-poll";

    public TimeSpan Interval => options.Value.PollInterval;

    public ApiDemand Demand => ApiDemand.Essential;

    public static string StreamOf(string historyObject) => "history:" + historyObject;

    /// <summary>Syncs users and records when the API budget allows; a poll with no directory yet syncs users regardless.</summary>
    private async Task<ActorDirectory> EnrichAsync(CancellationToken ct)
    {
        if (budget.Allows(ApiDemand.NonEssential))
        {
            _directory = await users.SyncAsync(ct);
            // Records first, so the history read next finds its records' markets.
            await records.SyncAsync(ct);
            return _directory;
        }

        var pause = budget.State.Pause;
        logger.EnrichmentDeferred(pause);
        salesforceTelemetry.DeferredRuns.Add(1, new TagList { { "job", "history-enrichment" }, { "reason", ApiBudgetGuard.ReasonTag(pause) } });
        // Without any directory every write would be stored as an unknown actor: one users query is cheaper than that.
        return _directory ??= await users.SyncAsync(ct);
    }

    public async Task RunOnceAsync(CancellationToken ct)
    {
        using var cycle = WorkerTelemetry.Source.StartActivity("history.poll");
        var directory = await EnrichAsync(ct);
        foreach (var historyObject in options.Value.Objects)
        {
            var stream = StreamOf(historyObject);
            var pollStarted = timeProvider.GetUtcNow();
            var checkpoint = await store.GetCheckpointAsync(stream, ct);
            var watermark = checkpoint?.Watermark ?? timeProvider.GetUtcNow() - options.Value.InitialBackfill;
            var since = checkpoint is null ? watermark : watermark - options.Value.Overlap;
            var pages = 0;
            var added = 0;
            await foreach (var page in reader.ReadAsync(historyObject, since, options.Value.IncludeDeleted, ct))
            {
                pages++;
                var markets = await recordStore.MarketsAsync(page.Rows.Select(r => r.ParentId).ToHashSet(StringComparer.Ordinal), ct);
                var normalized = HistoryNormalizer.Normalize(page.Rows, directory, markets, rules);
                telemetry.CountUnsettled(normalized.FieldChanges, "history");
                if (page.Watermark is { } pageWatermark && pageWatermark > watermark)
                {
                    watermark = pageWatermark;
                }

                using var ingest = WorkerTelemetry.Source.StartActivity("history.ingest_page");
                ingest?.SetTag("crmsignal.history_object", historyObject);
                ingest?.SetTag("crmsignal.rows", page.Rows.Count + page.Snapshots.Count);
                // A page read is a page written: shutdown waits for the commit (bounded by the host's shutdown timeout)
                // rather than throwing the page away and reading it again after the restart.
                var result = await store.IngestAsync(
                    new IngestBatch(normalized.FieldChanges, normalized.WorkflowEvents, page.Snapshots, page.Quarantined),
                    new Checkpoint(stream, watermark, ReplayId: null),
                    CancellationToken.None);
                added += result.FieldChanges + result.Snapshots + result.Quarantined;
                var tags = new TagList { { "source", "history" }, { "object", historyObject } };
                telemetry.ChangesIngested.Add(result.FieldChanges + result.Snapshots, tags);
                telemetry.RowsQuarantined.Add(result.Quarantined, tags);
            }

            // Less the overlap: a row may still commit with a CreatedDate up to that much before the poll started.
            await store.MarkPolledAsync(stream, pollStarted - options.Value.Overlap, ct);
            logger.HistoryPolled(historyObject, pages, added, watermark);
        }
    }
}
