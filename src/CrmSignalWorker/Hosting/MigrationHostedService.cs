using CrmSignalWorker.Storage;
using Microsoft.Extensions.Hosting;

namespace CrmSignalWorker.Hosting;

/// <summary>Applies migrations before any other hosted service starts; registered first for that reason.</summary>
internal sealed class MigrationHostedService(MigrationRunner runner) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => runner.ApplyAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
