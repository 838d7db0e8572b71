using CrmSignalWorker.Sources;

namespace CrmSignalWorker.IntegrationTests.Infrastructure;

/// <summary>One <see cref="ChangeStreamIngestor.RunAsync"/> in the background; disposing cancels it and waits for it to end.</summary>
public sealed class IngestorRun : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();

    public IngestorRun(WorkerHarness worker, string topic)
    {
        ArgumentNullException.ThrowIfNull(worker);
        var ingestor = worker.Get<ChangeStreamIngestor>();
        Task = System.Threading.Tasks.Task.Run(() => ingestor.RunAsync(topic, _stop.Token));
    }

    public Task Task { get; }

    /// <summary>Rethrows what ended the stream early, so a wait fails with the cause rather than a timeout.</summary>
    public async Task ThrowIfFailedAsync()
    {
        if (Task.IsCompleted && !_stop.IsCancellationRequested)
        {
            await Task;
            Assert.Fail("The change stream ended although nothing stopped it.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await Task;
        }
        catch (Exception)
        {
            // Cancelled, or a failure the test already met through ThrowIfFailedAsync; rethrowing here would hide its own.
        }

        _stop.Dispose();
    }
}
