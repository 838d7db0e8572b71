using System.Diagnostics;
using CrmSignalWorker.Sources;

namespace CrmSignalWorker.Benchmarks.ChangeStream;

/// <summary>
/// The code under test: the worker's own <see cref="ChangeStreamIngestor"/>, resolved from its service graph and run
/// as ChangeStreamService runs it, from the checkpoint the database holds until every published event is stored.
/// </summary>
internal sealed class PipelineIngest(WorkerGraph worker, StoredEventCounter counter)
{
    // Far above any run on this machine; only there so a stalled stream fails the benchmark instead of hanging it.
    private static readonly TimeSpan Stall = TimeSpan.FromMinutes(10);

    /// <returns>The <see cref="Stopwatch"/> timestamp at which the transaction holding the last event committed.</returns>
    public async Task<long> RunAsync(PublishedStream stream, CancellationToken ct)
    {
        var ingestor = worker.Get<ChangeStreamIngestor>();
        var stored = counter.Expect(stream.Events);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var run = Task.Run(() => ingestor.RunAsync(stream.Topic, stop.Token), CancellationToken.None);
        try
        {
            var first = await Task.WhenAny(stored, run).WaitAsync(Stall, ct);
            if (first == run)
            {
                // RunAsync only returns by failing (or by cancellation, which has not happened): surface why.
                await run;
                throw new InvalidOperationException("The change stream ended before every event was stored.");
            }

            if (counter.OtherOutcomes > 0)
            {
                throw new InvalidOperationException($"{counter.OtherOutcomes} events were quarantined or were gaps; the benchmark's events must all be stored.");
            }

            return await stored;
        }
        catch (TimeoutException)
        {
            throw new InvalidOperationException($"The change stream stored fewer than {stream.Events} events within {Stall.TotalMinutes} minutes.");
        }
        finally
        {
            await stop.CancelAsync();
            try
            {
                await run;
            }
            catch (Exception) when (stop.IsCancellationRequested)
            {
                // The stream runs until cancelled; how the cancellation surfaced (OperationCanceledException, or an
                // RpcException or NpgsqlException wrapping it) does not matter once the events are stored.
            }
        }
    }
}
