using CrmSignalWorker.Storage.Scoping;
using Microsoft.Extensions.Hosting;

namespace CrmSignalWorker.Api;

/// <summary>
/// Provisions the scoped read role before the API serves, and only when it will: an installation without API tokens
/// never needs CREATEROLE. Registered after the migrations, so the scoped tables exist.
/// </summary>
internal sealed class ScopedRoleStartup(ApiTokenRegistry registry, ScopedRoleProvisioner provisioner) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        registry.IsEnabled ? provisioner.EnsureAsync(cancellationToken) : Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
