using System.Diagnostics;
using CrmSignalWorker.Core.Normalization;
using CrmSignalWorker.Hosting;
using CrmSignalWorker.Salesforce.History;
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
public sealed class HistorySync(
    UserDirectorySync users,
    RecordSync records,
    RecordStore recordStore,
    HistoryReader reader,
    ChangeStore store,
    IOptions<HistoryOptions> options,
    WorkerTelemetry telemetry,
    TimeProvider timeProvider,
    ILogger<HistorySync> logger) : IPeriodicJob
{
    public string Name => "history-poll";

    public TimeSpan Interval => options.Value.PollInterval;

    public static string StreamOf(string historyObject) => "history:" + historyObject;

    public async Task RunOnceAsync(CancellationToken ct)
    {
        using var cycle = WorkerTelemetry.Source.StartActivity("history.poll");
        var directory = await users.SyncAsync(ct);
        // Records first, so the history read next finds its records' markets.
        await records.SyncAsync(ct);
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
                var normalized = HistoryNormalizer.Normalize(page.Rows, directory, markets);
                if (page.Watermark is { } pageWatermark && pageWatermark > watermark)
                {
                    watermark = pageWatermark;
                }

                using var ingest = WorkerTelemetry.Source.StartActivity("history.ingest_page");
                ingest?.SetTag("crmsignal.history_object", historyObject);
                ingest?.SetTag("crmsignal.rows", page.Rows.Count + page.Snapshots.Count);
                var result = await store.IngestAsync(
                    new IngestBatch(normalized.FieldChanges, normalized.WorkflowEvents, page.Snapshots, page.Quarantined),
                    new Checkpoint(stream, watermark, ReplayId: null),
                    ct);
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
