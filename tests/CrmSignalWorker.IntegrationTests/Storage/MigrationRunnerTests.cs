using CrmSignalWorker.IntegrationTests.Infrastructure;
using CrmSignalWorker.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CrmSignalWorker.IntegrationTests.Storage;

/// <summary>Migrations against an empty database, as several replicas starting at once would run them.</summary>
public sealed class MigrationRunnerTests : IAsyncLifetime
{
    private readonly string _name = "crmsignal_migrate_" + Guid.NewGuid().ToString("N")[..12];
    private NpgsqlDataSource _dataSource = null!;

    public async Task InitializeAsync()
    {
        await using (var admin = new NpgsqlConnection(TestEnvironment.PostgresConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {_name}", admin);
            await create.ExecuteNonQueryAsync();
        }

        _dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(TestEnvironment.PostgresConnectionString) { Database = _name }.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await _dataSource.DisposeAsync();
        await using var admin = new NpgsqlConnection(TestEnvironment.PostgresConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    private MigrationRunner CreateSut() => new(_dataSource, NullLogger<MigrationRunner>.Instance);

    [Fact]
    public async Task ApplyAsync_ThreeReplicasAtOnce_ApplyEachMigrationExactlyOnce()
    {
        var latest = MigrationRunner.Embedded().Max(m => m.Version);

        var versions = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => CreateSut().ApplyAsync(CancellationToken.None))));

        Assert.All(versions, v => Assert.Equal(latest, v));
        await using var count = _dataSource.CreateCommand("SELECT count(*) FROM schema_migration");
        Assert.Equal((long)MigrationRunner.Embedded().Count, await count.ExecuteScalarAsync());
    }

    [Fact]
    public async Task ApplyAsync_Again_ChangesNothing()
    {
        await CreateSut().ApplyAsync(CancellationToken.None);
        await using (var seed = _dataSource.CreateCommand(
            "INSERT INTO stop_flag (automation, paused, reason, changed_by, changed_at) VALUES ('Flow_A', true, 'r', 'p', now())"))
        {
            await seed.ExecuteNonQueryAsync();
        }

        await CreateSut().ApplyAsync(CancellationToken.None);

        await using var flags = _dataSource.CreateCommand("SELECT count(*) FROM stop_flag");
        Assert.Equal(1L, await flags.ExecuteScalarAsync());
    }

    [Fact]
    public void Embedded_Migrations_AreNumberedWithoutGaps()
    {
        var versions = MigrationRunner.Embedded().Select(m => m.Version).ToList();

        Assert.Equal(Enumerable.Range(1, versions.Count), versions);
    }
}
