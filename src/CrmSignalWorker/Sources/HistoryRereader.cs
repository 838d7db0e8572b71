using CrmSignalWorker.Alerts;
using CrmSignalWorker.Core.Alerts;
using CrmSignalWorker.Core.Normalization;
using CrmSignalWorker.Hosting;
using CrmSignalWorker.Salesforce;
using CrmSignalWorker.Salesforce.History;
using CrmSignalWorker.Salesforce.Limits;
using CrmSignalWorker.Storage.Actors;
using CrmSignalWorker.Storage.Ingest;
using CrmSignalWorker.Storage.Records;
using CrmSignalWorker.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmSignalWorker.Sources;

/// <summary>
/// Fills the holes a change stream reported (gap events, an overflow, a lost position) by reading the history of the
/// affected records again. Requests are queued in Postgres with the stream position that skipped them, so none is lost
/// to a crash; what is re-read and already stored adds nothing.
/// </summary>
public sealed class HistoryRereader(
    ChangeStore store,
    HistoryReader reader,
    UserStore users,
    RecordStore records,
    OperatorAlertPublisher alerts,
    IOptions<HistoryOptions> options,
    NormalizationRules rules,
    WorkerTelemetry telemetry,
    TimeProvider timeProvider,
    ILogger<HistoryRereader> logger) : IPeriodicJob
{
    /// <summary>Record ids per query: the ids travel in the query's URL.</summary>
    internal const int RecordIdsPerQuery = 200;

    public string Name => "history-reread";

    public TimeSpan Interval => options.Value.RereadInterval;

    /// <summary>Filling a hole is collecting the data itself, like history polling.</summary>
    public ApiDemand Demand => ApiDemand.Essential;

    public async Task RunOnceAsync(CancellationToken ct)
    {
        var pending = await store.PendingRereadsAsync(ct);
        if (pending.Count == 0)
        {
            return;
        }

        var directory = await users.DirectoryAsync(ct);
        foreach (var reread in pending)
        {
            using var activity = WorkerTelemetry.Source.StartActivity("history.reread");
            activity?.SetTag("crmsignal.history_object", reread.HistoryObject);
            var added = 0;
            try
            {
                // No record ids means the whole object: one chunk that reads everything.
                List<string[]?> chunks = reread.RecordIds.Count == 0 ? [null] : [.. reread.RecordIds.Chunk(RecordIdsPerQuery)];
                for (var i = 0; i < chunks.Count; i++)
                {
                    var pages = chunks[i] is { } ids
                        ? reader.ReadRecordsAsync(reread.HistoryObject, ids, reread.Since, options.Value.IncludeDeleted, ct)
                        : reader.ReadAsync(reread.HistoryObject, reread.Since, options.Value.IncludeDeleted, ct);
                    added += await IngestAsync(reread, pages, directory, isLastChunk: i == chunks.Count - 1, ct);
                }

                telemetry.HistoryRereads.Add(1, new("object", reread.HistoryObject), new("outcome", "done"));
                logger.RereadDone(reread.HistoryObject, reread.RecordIds.Count, reread.Since, added, reread.Reason);
            }
            catch (SalesforceApiException ex) when (!ex.IsTransient)
            {
                // The object cannot be read (history tracking off, no access): retrying will not help, so say what is lost.
                telemetry.HistoryRereads.Add(1, new("object", reread.HistoryObject), new("outcome", "failed"));
                await alerts.RaiseAsync(
                    new OperatorAlert(
                        $"reread-failed:{reread.Id}",
                        AlertSeverity.Critical,
                        $"Could not re-read {reread.HistoryObject} to fill a change-stream gap",
                        $"{reread.Reason}: reading {reread.HistoryObject} from {reread.Since:u} failed with {(int)ex.StatusCode} {ex.ErrorCode}. "
                        + "The writes in that gap are not stored. Enable field history on the object or grant access, then re-read it with a backfill.",
                        timeProvider.GetUtcNow()),
                    ct);
                await store.IngestRereadAsync(IngestBatch.Empty, reread, completes: true, ct);
                logger.RereadFailed(ex, reread.HistoryObject, reread.Reason);
            }
        }
    }

    private async Task<int> IngestAsync(
        HistoryReread reread, IAsyncEnumerable<HistoryPage> pages, Core.Actors.ActorDirectory directory, bool isLastChunk, CancellationToken ct)
    {
        var added = 0;
        HistoryPage? held = null;
        // Each page commits on its own; only the last page of the last chunk also removes the request.
        await foreach (var page in pages)
        {
            if (held is not null)
            {
                added += await WriteAsync(reread, held, directory, completes: false, ct);
            }

            held = page;
        }

        if (held is not null)
        {
            added += await WriteAsync(reread, held, directory, completes: isLastChunk, ct);
        }
        else if (isLastChunk)
        {
            await store.IngestRereadAsync(IngestBatch.Empty, reread, completes: true, ct);
        }

        return added;
    }

    private async Task<int> WriteAsync(HistoryReread reread, HistoryPage page, Core.Actors.ActorDirectory directory, bool completes, CancellationToken ct)
    {
        var markets = await records.MarketsAsync(page.Rows.Select(r => r.ParentId).ToHashSet(StringComparer.Ordinal), ct);
        var normalized = HistoryNormalizer.Normalize(page.Rows, directory, markets, rules);
        var result = await store.IngestRereadAsync(
            new IngestBatch(normalized.FieldChanges, normalized.WorkflowEvents, page.Snapshots, page.Quarantined), reread, completes, ct);
        telemetry.ChangesIngested.Add(result.FieldChanges + result.Snapshots, new("source", "history"), new("object", reread.HistoryObject));
        return result.FieldChanges + result.Snapshots;
    }
}
