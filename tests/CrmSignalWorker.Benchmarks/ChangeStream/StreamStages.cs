using CrmSignalWorker.Core.Actors;
using CrmSignalWorker.Salesforce.PubSub;
using CrmSignalWorker.Sources;
using CrmSignalWorker.Storage.Actors;
using CrmSignalWorker.Storage.Ingest;
using CrmSignalWorker.Storage.Records;
using Microsoft.Extensions.Options;

namespace CrmSignalWorker.Benchmarks.ChangeStream;

/// <summary>How far <see cref="StreamStages"/> takes each response: each stage includes the ones before it.</summary>
internal enum StreamStage
{
    /// <summary>gRPC Subscribe with flow control and the schema cache: PubSubSubscriber.StreamAsync alone.</summary>
    Receive = 1,

    /// <summary>And Avro decoding of every event (ReceivedEventNormalizer.Decode).</summary>
    Decode = 2,

    /// <summary>And the user directory check, the record markets (RecordStore's cache) and normalization into field changes and workflow events.</summary>
    Normalize = 3,
}

/// <summary>One response's worth of normalized rows and the checkpoint that covers them, as the ingestor would write them.</summary>
internal sealed record StreamBatch(IngestBatch Batch, Checkpoint Checkpoint)
{
    /// <summary>Consecutive batches as one, covered by the last one's checkpoint: what a larger commit would write.</summary>
    public static StreamBatch Merge(IReadOnlyList<StreamBatch> batches) => new(
        new IngestBatch([.. batches.SelectMany(b => b.Batch.FieldChanges)], [.. batches.SelectMany(b => b.Batch.WorkflowEvents)], [], []),
        batches[^1].Checkpoint);
}

/// <summary>
/// The ingestor's loop (ChangeStreamIngestor.RunAsync and CommitAsync) taken apart, with the worker's own parts, so
/// the cost of each stage can be told apart by running up to it; the store is measured separately over the
/// batches the normalize stage returns. The parts are the ingestor receiver's: one per FetchResponse or per
/// PubSub:BatchSize events, run one after another here (the ingestor overlaps them with its commits, which it makes
/// over several parts). What is left out is the ingestor's bookkeeping after the write: telemetry and logging.
/// </summary>
internal sealed class StreamStages(WorkerGraph worker)
{
    /// <param name="clock">Takes the time of each part of the work before the write, when given.</param>
    public async Task<IReadOnlyList<StreamBatch>> RunAsync(PublishedStream stream, StreamStage upTo, SectionClock? clock, CancellationToken ct)
    {
        clock ??= new SectionClock();
        var subscriber = worker.Get<PubSubSubscriber>();
        var normalizer = worker.Get<ReceivedEventNormalizer>();
        var users = worker.Get<UserStore>();
        var records = worker.Get<RecordStore>();
        var batchSize = worker.Get<IOptions<PubSubOptions>>().Value.BatchSize;
        var checkpointStream = ChangeStreamIngestor.StreamOf(stream.Topic);

        ActorDirectory? directory = null;
        DateTimeOffset? watermark = null;
        var batches = new List<StreamBatch>();
        var pending = new List<ReceivedEvent>(batchSize);
        var received = 0;
        await foreach (var e in subscriber.StreamAsync(stream.Topic, ReplayStart.After(stream.StartAfter), ct))
        {
            pending.Add(e);
            received++;
            if (e.EndsResponse || pending.Count >= batchSize || received == stream.Events)
            {
                if (upTo >= StreamStage.Decode)
                {
                    var started = SectionClock.Start();
                    var decoded = pending.Select(normalizer.Decode).ToList();
                    clock.Stop(Section.Decode, started);
                    if (decoded.FirstOrDefault(d => d.QuarantineReason is not null) is { } bad)
                    {
                        throw new InvalidOperationException($"Event {bad.Received.EventId} did not decode ({bad.QuarantineReason}); the benchmark's events must all be valid.");
                    }

                    if (upTo >= StreamStage.Normalize)
                    {
                        // As ChangeStreamIngestor.DirectoryForAsync on a warm directory: load once, check the writers are known.
                        started = SectionClock.Start();
                        directory ??= await users.DirectoryAsync(ct);
                        var writers = decoded.Select(d => d.UserId).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
                        if (!writers.All(directory.Contains))
                        {
                            throw new InvalidOperationException("A writer is missing from the stored user directory; sync the users before measuring.");
                        }

                        clock.Stop(Section.Directory, started);
                        started = SectionClock.Start();
                        var markets = await records.MarketsAsync(decoded.SelectMany(d => d.RecordIds).ToHashSet(StringComparer.Ordinal), ct);
                        clock.Stop(Section.Markets, started);
                        started = SectionClock.Start();
                        var batch = normalizer.Normalize(decoded, directory, markets);
                        var newest = decoded.Max(d => d.Change!.Header.CommitTimestamp);
                        watermark = watermark is { } w && w >= newest ? w : newest;
                        batches.Add(new StreamBatch(batch, new Checkpoint(checkpointStream, watermark, pending[^1].ReplayId)));
                        clock.Stop(Section.Normalize, started);
                    }
                }

                pending.Clear();
            }

            if (received == stream.Events)
            {
                // Leaving the loop disposes the enumerator, which cancels the Subscribe call.
                break;
            }
        }

        return batches;
    }
}
