using System.Diagnostics;
using System.Globalization;
using CrmSignalWorker.Salesforce.PubSub;
using CrmSignalWorker.Simulator;
using CrmSignalWorker.Sources;
using CrmSignalWorker.Storage.Ingest;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CrmSignalWorker.Benchmarks.ChangeStream;

/// <summary>How many events are published, and how many untimed and timed runs each method gets.</summary>
internal sealed record ChangeStreamPlan(int Events, int Warmups, int Repetitions);

/// <summary>The timed runs of a stage of the pipeline, for the breakdown of where its time goes.</summary>
/// <param name="StreamStage">One of the streaming stages, each of which includes the one before.</param>
internal sealed record StageRuns(string Stage, bool StreamStage, IReadOnlyList<RunSample> Samples);

/// <summary>How one extra, untimed run of the full pipeline spent its time, from its traces (<see cref="TraceProfile"/>).</summary>
internal sealed record PipelineTrace(TimeSpan Elapsed, TracedTime Batches, IReadOnlyList<TracedTime> Statements);

/// <summary>Where the pipeline's time goes: its stages, the parts of the normalize stage, and a traced run.</summary>
/// <param name="Sections">Median time of each part of the normalize stage's work.</param>
internal sealed record Breakdown(IReadOnlyList<StageRuns> Stages, IReadOnlyDictionary<Section, TimeSpan> Sections, PipelineTrace Trace);

internal sealed record ChangeStreamResult(
    ChangeStreamPlan Plan,
    int FieldChanges,
    int WorkflowEvents,
    int Batches,
    IReadOnlyList<RunSample> Pipeline,
    IReadOnlyList<RunSample> Copy,
    Breakdown Breakdown);

/// <summary>
/// Change events per second from the simulated org into Postgres through the worker's pipeline, against a plain
/// binary COPY of the same rows into the same tables, in the same process and database. The events are published
/// before anything is timed. The two methods alternate which goes first, and the tables are emptied before every run,
/// so drift on the machine (autovacuum, other work) falls on both. Then the pipeline is taken apart stage by stage to
/// show where its time goes.
/// </summary>
internal sealed class ChangeStreamBenchmark(string server, string redis, TextWriter progress)
{
    // A mid-sized org: the updates spread over 5,000 opportunities, whose markets RecordSync stores before the runs.
    private static readonly SimulatedOrgOptions OrgOptions = new() { Opportunities = 5000, Leads = 500 };

    // Which method runs first in a pass; passes alternate between the two orders.
    private static readonly bool[] PipelineFirst = [true, false];
    private static readonly bool[] CopyFirst = [false, true];

    public async Task<ChangeStreamResult> RunAsync(ChangeStreamPlan plan, CancellationToken ct)
    {
        await using var database = await BenchDatabase.CreateAsync(server, ct);
        await using var org = await SimulatedOrg.StartAsync(OrgOptions, ct: ct);
        progress.WriteLine(string.Create(CultureInfo.InvariantCulture, $"change stream: publishing {plan.Events:N0} opportunity updates ..."));
        var stream = OpportunityUpdates.Publish(org, plan.Events, TimeProvider.System);

        await using var worker = await WorkerGraph.StartAsync(database.ConnectionString, redis, org, OrgOptions, ct);
        using var counter = new StoredEventCounter();
        // What a running worker knows before the stream: the users (to attribute writes) and the records (their markets).
        await worker.Get<UserDirectorySync>().SyncAsync(ct);
        await worker.Get<RecordSync>().SyncAsync(ct);

        // The rows the pipeline stores, produced by the pipeline's own parts, once, untimed: the baseline copies these.
        var stages = new StreamStages(worker);
        var batches = await stages.RunAsync(stream, StreamStage.Normalize, null, ct);
        var rows = StoredRows.Of(batches.Select(b => b.Batch));
        progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"change stream: {stream.Events:N0} events → {rows.FieldChanges.Count:N0} field changes + {rows.WorkflowEvents.Count:N0} workflow events in {batches.Count:N0} responses"));

        var pipeline = new PipelineIngest(worker, counter);
        var copy = new PlainCopy(worker.Get<NpgsqlDataSource>());
        var checkpointStream = ChangeStreamIngestor.StreamOf(stream.Topic);
        var pipelineSamples = new List<RunSample>();
        var copySamples = new List<RunSample>();
        var passes = plan.Warmups + plan.Repetitions;
        for (var pass = 0; pass < passes; pass++)
        {
            var timed = pass >= plan.Warmups;
            // Early, so a mismatch fails before minutes of timing, and at the end.
            var compare = pass == 0 || pass == passes - 1;
            string? pipelineDigest = null;
            string? copyDigest = null;
            foreach (var runPipeline in pass % 2 == 0 ? PipelineFirst : CopyFirst)
            {
                await database.ResetAsync(ct);
                if (runPipeline)
                {
                    await database.StoreReplayIdAsync(checkpointStream, stream.StartAfter, ct);
                    var sample = await RunMeter.MeasureAsync(stream.Events, rows.Count, () => pipeline.RunAsync(stream, ct));
                    await VerifyStoredAsync(database, rows, ct);
                    await VerifyCheckpointAsync(database, checkpointStream, stream.LastReplayId, ct);
                    pipelineDigest = compare ? await database.DigestAsync(ct) : null;
                    Record(pipelineSamples, "pipeline", sample, timed, pass - plan.Warmups);
                }
                else
                {
                    var sample = await RunMeter.MeasureAsync(stream.Events, rows.Count, async () =>
                    {
                        await copy.WriteAsync(rows, ct);
                        return Stopwatch.GetTimestamp();
                    });
                    await VerifyStoredAsync(database, rows, ct);
                    copyDigest = compare ? await database.DigestAsync(ct) : null;
                    Record(copySamples, "plain COPY", sample, timed, pass - plan.Warmups);
                }
            }

            if (compare && !string.Equals(pipelineDigest, copyDigest, StringComparison.Ordinal))
            {
                throw new InvalidOperationException("The plain COPY stored different rows from the pipeline (digests differ), so it is not measuring the same work.");
            }
        }

        var breakdown = await BreakDownAsync(database, worker, stages, pipeline, stream, batches, rows, plan.Repetitions, ct);
        return new ChangeStreamResult(plan, rows.FieldChanges.Count, rows.WorkflowEvents.Count, batches.Count, pipelineSamples, copySamples, breakdown);

        void Record(List<RunSample> samples, string method, RunSample sample, bool timed, int timedPass)
        {
            if (timed)
            {
                samples.Add(sample);
            }

            progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  change stream | {method,-10} | {(timed ? "pass " + (timedPass + 1) : "warm-up"),-8} | {sample.Elapsed.TotalMilliseconds,9:F0} ms | {sample.EventsPerSecond,8:N0} events/s | {sample.AllocatedBytes / sample.Events,6:N0} B/event | peak {sample.PeakWorkingSet / (1024 * 1024),5:N0} MB"));
        }
    }

    /// <summary>
    /// Runs the pipeline up to each stage, so each stage's cost is the difference to the one before; the store alone
    /// over the normalized batches, one call per response as the ingestor makes them and over larger merged batches
    /// (what fewer, larger commits would cost); and the plain COPY one transaction per response, which separates
    /// the cost of committing per response from the cost of what ChangeStore does in each transaction. Last, one
    /// traced run of the full pipeline shows how its own time splits between the stream and the batches it commits.
    /// </summary>
    private async Task<Breakdown> BreakDownAsync(
        BenchDatabase database, WorkerGraph worker, StreamStages stages, PipelineIngest pipeline, PublishedStream stream,
        IReadOnlyList<StreamBatch> batches, StoredRows rows, int repetitions, CancellationToken ct)
    {
        var store = worker.Get<ChangeStore>();
        var copy = new PlainCopy(worker.Get<NpgsqlDataSource>());
        var batchRows = batches.Select(b => StoredRows.Of([b.Batch])).ToList();
        var perResponse = batches.Count > 0 ? (int)Math.Round(stream.Events / (double)batches.Count) : 1;
        // PubSub:BatchSize's maximum, the most one commit held before the ingestor joined responses; and what it joins now.
        var commitMaxEvents = worker.Get<IOptions<PubSubOptions>>().Value.CommitMaxEvents;
        var per100 = Merge(batches, Math.Max(1, 100 / perResponse));
        var perCommit = Merge(batches, Math.Max(1, commitMaxEvents / perResponse));
        var normalizeSections = new List<SectionClock>();

        var runs = new (string Stage, bool Streams, Func<Task> Run)[]
        {
            ("receive (gRPC, flow control, schema cache)", true, () => stages.RunAsync(stream, StreamStage.Receive, null, ct)),
            ("+ Avro decode", true, () => stages.RunAsync(stream, StreamStage.Decode, null, ct)),
            ("+ user directory, markets (cached), normalize", true, () =>
            {
                var clock = new SectionClock();
                normalizeSections.Add(clock);
                return stages.RunAsync(stream, StreamStage.Normalize, clock, ct);
            }),
            ($"ChangeStore alone, one call per response ({perResponse} events, as the ingestor committed before)", false, () => StoreAsync(store, batches, ct)),
            ($"ChangeStore alone, one call per {stream.Events / per100.Count} events", false, () => StoreAsync(store, per100, ct)),
            ($"ChangeStore alone, one call per {stream.Events / perCommit.Count} events (PubSub:CommitMaxEvents, as the ingestor commits)", false, () => StoreAsync(store, perCommit, ct)),
            ($"plain COPY, one transaction per response ({perResponse} events)", false, async () =>
            {
                foreach (var r in batchRows)
                {
                    await copy.WriteAsync(r, ct);
                }
            }),
        };

        var samples = runs.ToDictionary(r => r.Stage, _ => new List<RunSample>());
        for (var repetition = 0; repetition < repetitions; repetition++)
        {
            foreach (var (stage, streams, run) in runs)
            {
                await database.ResetAsync(ct);
                var sample = await RunMeter.MeasureAsync(stream.Events, rows.Count, async () =>
                {
                    await run();
                    return Stopwatch.GetTimestamp();
                });
                if (!streams)
                {
                    await VerifyStoredAsync(database, rows, ct);
                }

                samples[stage].Add(sample);
                progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  change stream | stage run {repetition + 1} | {stage,-72} | {sample.Elapsed.TotalMilliseconds,9:F0} ms | {sample.AllocatedBytes / sample.Events,6:N0} B/event"));
            }
        }

        await database.ResetAsync(ct);
        await database.StoreReplayIdAsync(ChangeStreamIngestor.StreamOf(stream.Topic), stream.StartAfter, ct);
        PipelineTrace trace;
        using (var profile = new TraceProfile())
        {
            var started = Stopwatch.GetTimestamp();
            var finished = await pipeline.RunAsync(stream, ct);
            trace = new PipelineTrace(Stopwatch.GetElapsedTime(started, finished), profile.Batches, profile.Statements);
        }

        await VerifyStoredAsync(database, rows, ct);

        var sections = Enum.GetValues<Section>().ToDictionary(
            section => section,
            section => TimeSpan.FromTicks((long)Summary.Median([.. normalizeSections.Select(c => (double)c[section].Ticks)])));
        return new Breakdown([.. runs.Select(r => new StageRuns(r.Stage, r.Streams, samples[r.Stage]))], sections, trace);
    }

    private static async Task StoreAsync(ChangeStore store, IReadOnlyList<StreamBatch> batches, CancellationToken ct)
    {
        foreach (var b in batches)
        {
            await store.IngestAsync(b.Batch, b.Checkpoint, ct);
        }
    }

    private static List<StreamBatch> Merge(IReadOnlyList<StreamBatch> batches, int responses) =>
        [.. batches.Chunk(responses).Select(StreamBatch.Merge)];

    private static async Task VerifyStoredAsync(BenchDatabase database, StoredRows rows, CancellationToken ct)
    {
        var fieldChanges = await database.CountAsync("field_change", ct);
        var workflowEvents = await database.CountAsync("workflow_event", ct);
        if (fieldChanges != rows.FieldChanges.Count || workflowEvents != rows.WorkflowEvents.Count)
        {
            throw new InvalidOperationException(
                $"{database.Name} holds {fieldChanges} field changes and {workflowEvents} workflow events; expected {rows.FieldChanges.Count} and {rows.WorkflowEvents.Count}.");
        }
    }

    private static async Task VerifyCheckpointAsync(BenchDatabase database, string stream, byte[] expected, CancellationToken ct)
    {
        var stored = await database.ReplayIdAsync(stream, ct);
        if (stored is null || !stored.AsSpan().SequenceEqual(expected))
        {
            throw new InvalidOperationException($"The pipeline left {stream} at another replay id than the last event's.");
        }
    }
}
