using Microsoft.Extensions.Hosting;

namespace CrmSignalWorker.Simulator.Hosting;

/// <summary>
/// A host lifetime that ignores Ctrl-C and SIGTERM. The simulator runs inside other processes (tests, the demo),
/// which own their signals; the owner stops it by disposing it.
/// </summary>
internal sealed class DetachedHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
