using CrmSignalWorker.Core.Access;
using CrmSignalWorker.IntegrationTests.Infrastructure;
using CrmSignalWorker.Storage.Scoping;
using CrmSignalWorker.Storage.Signals;
using Dapper;
using Npgsql;

namespace CrmSignalWorker.IntegrationTests.Storage;

/// <summary>
/// Row-level security keyed on market (issue 7, item 8): through a scoped session, even a query without any filter
/// returns only the token's markets; the worker's own user still reads and writes everything.
/// </summary>
public sealed class MarketScopedReadsTests : IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();
    private MarketScopedReads _reads = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        await new ScopedRoleProvisioner(_database.DataSource).EnsureAsync(CancellationToken.None);
        await MarketRows.WriteAsync(_database);
        _reads = new MarketScopedReads(_database.DataSource);
    }

    public Task DisposeAsync() => _database.DisposeAsync();

    private async Task<List<string>> MarketsSeenAsync(MarketScope scope, string sql)
    {
        await using var session = await _reads.BeginAsync(scope, CancellationToken.None);
        var rows = await session.Connection.QueryAsync(new CommandDefinition(sql, transaction: session.Transaction));
        return rows.Select(r => (string?)((IDictionary<string, object?>)r)["market"] ?? "(none)").Order(StringComparer.Ordinal).ToList();
    }

    [Theory]
    [InlineData("SELECT * FROM field_change", new[] { "EMEA", "EMEA" })]
    [InlineData("SELECT * FROM workflow_event", new[] { "EMEA", "EMEA" })]
    [InlineData("SELECT * FROM crm_record", new[] { "EMEA" })]
    // A "query bug" that asks for another market by name, or for every record by id, still sees only EMEA.
    [InlineData("SELECT * FROM field_change WHERE market = 'APAC' OR true", new[] { "EMEA", "EMEA" })]
    [InlineData("SELECT f.market FROM field_change f JOIN crm_record r ON r.id = f.record_id", new[] { "EMEA", "EMEA" })]
    public async Task UnfilteredQuery_ThroughAnEmeaSession_ReturnsOnlyEmeaRows(string sql, string[] expected)
    {
        Assert.Equal(expected, await MarketsSeenAsync(MarketScope.Only(["EMEA"]), sql));
    }

    [Fact]
    public async Task UnfilteredQuery_ThroughASessionOfTwoMarkets_ReturnsBoth()
    {
        Assert.Equal(["APAC", "EMEA", "EMEA"], await MarketsSeenAsync(MarketScope.Only(["EMEA", "APAC"]), "SELECT * FROM field_change"));
    }

    [Fact]
    public async Task UnfilteredQuery_ThroughAnAllMarketsSession_ReturnsEveryRowIncludingRecordsWithoutAMarket()
    {
        Assert.Equal(["APAC", "EMEA", "EMEA", "unassigned"], await MarketsSeenAsync(MarketScope.All, "SELECT * FROM field_change"));
        Assert.Equal(["APAC", "EMEA", "EMEA"], await MarketsSeenAsync(MarketScope.All, "SELECT * FROM workflow_event"));
        Assert.Equal(["(none)", "APAC", "EMEA"], await MarketsSeenAsync(MarketScope.All, "SELECT * FROM crm_record"));
    }

    [Fact]
    public async Task ScopedRole_WithoutMarketSettings_SeesNothing()
    {
        await using var connection = await _database.DataSource.OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync($"SET LOCAL ROLE {ScopedReadRole.Name}", transaction: tx);

        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM field_change", transaction: tx));
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM workflow_event", transaction: tx));
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM crm_record", transaction: tx));
    }

    [Fact]
    public async Task Partitions_NamedDirectly_AreRefusedNotUnfiltered()
    {
        await using var owner = await _database.DataSource.OpenConnectionAsync();
        var partitions = (await owner.QueryAsync<string>(
            "SELECT inhrelid::regclass::text FROM pg_inherits WHERE inhparent IN ('field_change'::regclass, 'workflow_event'::regclass)")).ToList();
        Assert.Contains("field_change_default", partitions);

        foreach (var partition in partitions)
        {
            await using var session = await _reads.BeginAsync(MarketScope.Only(["EMEA"]), CancellationToken.None);
            var error = await Assert.ThrowsAsync<PostgresException>(() =>
                session.Connection.QueryAsync($"SELECT * FROM {partition}", transaction: session.Transaction));
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
        }
    }

    [Theory]
    [InlineData("SELECT * FROM crm_user")]
    [InlineData("SELECT * FROM signal_value")]
    [InlineData("SELECT * FROM notification_outbox")]
    public async Task TablesWithoutAMarketPolicy_AreRefused(string sql)
    {
        await using var session = await _reads.BeginAsync(MarketScope.All, CancellationToken.None);

        var error = await Assert.ThrowsAsync<PostgresException>(() => session.Connection.QueryAsync(sql, transaction: session.Transaction));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
    }

    [Fact]
    public async Task Session_CannotWrite()
    {
        await using var session = await _reads.BeginAsync(MarketScope.All, CancellationToken.None);

        var error = await Assert.ThrowsAsync<PostgresException>(() =>
            session.Connection.ExecuteAsync("DELETE FROM crm_record", transaction: session.Transaction));

        Assert.Equal(PostgresErrorCodes.ReadOnlySqlTransaction, error.SqlState);
    }

    [Fact]
    public async Task PooledConnection_AfterASession_IsTheWorkersOwnAgainAndSeesEveryMarket()
    {
        // One pooled connection, so the worker's next query runs on the very connection the session used.
        await using var single = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(_database.ConnectionString) { MaxPoolSize = 1 }.ConnectionString);
        await using (var session = await new MarketScopedReads(single).BeginAsync(MarketScope.Only(["APAC"]), CancellationToken.None))
        {
            Assert.Equal(1, await session.Connection.ExecuteScalarAsync<long>("SELECT count(*) FROM field_change", transaction: session.Transaction));
        }

        await using var connection = await single.OpenConnectionAsync();
        Assert.Equal(MarketRows.FieldWrites, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM field_change"));
        Assert.NotEqual(ScopedReadRole.Name, await connection.ExecuteScalarAsync<string>("SELECT current_user"));
        Assert.Equal("", await connection.ExecuteScalarAsync<string>($"SELECT coalesce(current_setting('{ScopedReadRole.MarketsSetting}', true), '')"));
    }

    [Fact]
    public async Task WorkersOwnUser_WritesAndReadsEveryMarket()
    {
        // MarketRows went through ChangeStore and RecordStore under RLS; the owner reads all of it, signals included.
        Assert.Equal(MarketRows.FieldWrites, await _database.CountAsync("field_change"));
        Assert.Equal(MarketRows.WorkflowEvents, await _database.CountAsync("workflow_event"));
        Assert.Equal(3, await _database.CountAsync("crm_record"));
        var stageChanges = await new SignalStore(_database.DataSource).ReadStageChangesAsync(MarketRows.T0, MarketRows.T0.AddDays(1), CancellationToken.None);
        Assert.Equal(["APAC", "EMEA"], stageChanges.Select(s => s.Segment).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task EnsureAsync_RepeatedAndConcurrent_Succeeds()
    {
        var provisioner = new ScopedRoleProvisioner(_database.DataSource);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => provisioner.EnsureAsync(CancellationToken.None)));

        Assert.Equal(["EMEA"], (await MarketsSeenAsync(MarketScope.Only(["EMEA"]), "SELECT * FROM crm_record")));
    }
}
