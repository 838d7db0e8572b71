using CrmSignalWorker.Hosting;
using CrmSignalWorker.IntegrationTests.Infrastructure;
using CrmSignalWorker.Storage.Leases;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CrmSignalWorker.IntegrationTests.Replicas;

/// <summary>Handing leadership over on shutdown is best effort: the lease lapses on its own when Postgres is gone.</summary>
public sealed class LeaderElectionTests : IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task StopAsync_WithPostgresGone_StopsCleanlyWithoutFailingTheHost()
    {
        var server = new NpgsqlConnectionStringBuilder(_database.ConnectionString);
        await using var relay = new TcpRelay(server.Host!, server.Port);
        var throughRelay = new NpgsqlConnectionStringBuilder(_database.ConnectionString) { Port = relay.Port, Pooling = false, Timeout = 2 };
        await using var dataSource = NpgsqlDataSource.Create(throughRelay.ConnectionString);
        var options = Options.Create(new LeaseOptions { Ttl = TimeSpan.FromSeconds(30), RenewInterval = TimeSpan.FromSeconds(10) });
        using var election = new LeaderElection(new LeaseStore(dataSource), new WorkerIdentity("pod-a"), options, TimeProvider.System, NullLogger<LeaderElection>.Instance);

        await election.StartAsync(CancellationToken.None);
        // On a loaded machine the first attempt can fail like any database call; the behaviour under test is the stop.
        for (var attempt = 0; attempt < 20 && !election.IsLeader; attempt++)
        {
            await election.TryLeadAsync(CancellationToken.None);
        }

        Assert.True(election.IsLeader);
        await relay.CloseAsync();
        await election.StopAsync(CancellationToken.None);

        // A faulted ExecuteTask is what makes the host log a critical failure and stop with an error.
        Assert.NotNull(election.ExecuteTask);
        Assert.True(election.ExecuteTask.IsCompletedSuccessfully, election.ExecuteTask.Exception?.ToString());
        Assert.False(election.IsLeader);
        Assert.NotNull(await new LeaseStore(_database.DataSource).HolderAsync(LeaderElection.LeaseName, CancellationToken.None));
    }
}
