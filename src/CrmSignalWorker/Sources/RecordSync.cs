using CrmSignalWorker.Salesforce.History;
using CrmSignalWorker.Storage.Ingest;
using CrmSignalWorker.Storage.Records;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmSignalWorker.Sources;

/// <summary>Brings the tracked records' market and owner up to date, incrementally from each object's watermark.</summary>
public sealed class RecordSync(
    RecordReader reader,
    RecordStore store,
    ChangeStore checkpoints,
    IOptions<HistoryOptions> history,
    IOptions<AttributionOptions> attribution,
    TimeProvider timeProvider,
    ILogger<RecordSync> logger)
{
    public static string StreamOf(string objectName) => "records:" + objectName;

    public async Task SyncAsync(CancellationToken ct)
    {
        foreach (var objectName in history.Value.RecordObjects)
        {
            var stream = StreamOf(objectName);
            var stored = (await checkpoints.GetCheckpointAsync(stream, ct))?.Watermark;
            var watermark = stored ?? timeProvider.GetUtcNow() - history.Value.InitialBackfill;
            // The same late-commit overlap as history: re-read records are upserted, so the overlap costs nothing.
            var since = stored is null ? watermark : watermark - history.Value.Overlap;
            var synced = 0;
            await foreach (var page in reader.ReadModifiedSinceAsync(objectName, attribution.Value.RecordMarketField, since, history.Value.IncludeDeleted, ct))
            {
                if (page.Count == 0)
                {
                    continue;
                }

                watermark = page.Max(r => r.ModifiedAt) is var newest && newest > watermark ? newest : watermark;
                await store.UpsertAsync(page, new Checkpoint(stream, watermark, ReplayId: null), ct);
                synced += page.Count;
            }

            logger.RecordsSynced(objectName, synced, watermark);
        }
    }
}
