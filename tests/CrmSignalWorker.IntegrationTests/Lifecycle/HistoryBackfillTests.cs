using CrmSignalWorker.IntegrationTests.Infrastructure;
using CrmSignalWorker.Lifecycle;
using CrmSignalWorker.Simulator;
using CrmSignalWorker.Sources;
using CrmSignalWorker.Storage.Lifecycle;
using Dapper;

namespace CrmSignalWorker.IntegrationTests.Lifecycle;

/// <summary>A backfill of a closed range against the simulated org, over loopback, into a real database.</summary>
public sealed class HistoryBackfillTests : IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();
    private readonly SimulatedOrgOptions _orgOptions = new() { Seed = 11, Opportunities = 80, Leads = 40, Accounts = 0, DefaultBatchSize = 200 };
    private SimulatedOrg _org = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _org = await SimulatedOrg.StartAsync(_orgOptions);
    }

    public async Task DisposeAsync()
    {
        await _org.DisposeAsync();
        await _database.DisposeAsync();
    }

    private WorkerHarness CreateWorker()
    {
        var settings = WorkerHarness.BaseSettings(_database, _org, _orgOptions);
        settings["Salesforce:BatchSize"] = "200";
        return WorkerHarness.Create(settings);
    }

    // Ten days in the middle of the scenario.
    private DateTimeOffset From => new(_org.Scenario.FirstDay.AddDays(8).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    private DateTimeOffset To => From.AddDays(10);

    private bool InRange(DateTimeOffset at) => at >= From && at < To;

    private string Within(string column) => $"{column} >= '{From:O}' AND {column} < '{To:O}'";

    private int FieldHistoryInRange => _org.Scenario.OpportunityFieldHistory.Count(r => InRange(r.CreatedDate)) + _org.Scenario.LeadHistory.Count(r => InRange(r.CreatedDate));

    private int ExpectedFieldChanges => _org.Scenario.OpportunityFieldHistory.Count + _org.Scenario.LeadHistory.Count;

    private async Task<List<(string Stream, DateTime? Watermark, DateTime? PolledAt, DateTime UpdatedAt)>> CheckpointsAsync()
    {
        await using var connection = await _database.DataSource.OpenConnectionAsync();
        return [.. await connection.QueryAsync<(string, DateTime?, DateTime?, DateTime)>("SELECT stream, watermark, polled_at, updated_at FROM checkpoint ORDER BY stream")];
    }

    [Fact]
    public async Task RunAsync_Twice_RestoresLostRowsOnce_AndLeavesEveryWatermarkAsItWas()
    {
        using var worker = CreateWorker();
        await worker.Get<HistorySync>().RunOnceAsync(CancellationToken.None);
        var checkpoints = await CheckpointsAsync();
        Assert.NotEmpty(checkpoints);
        // Rows of the range are lost (a restore from an older backup, say); the watermarks are past them, so a poll never reads them again.
        await _database.ExecuteAsync(
            $"DELETE FROM field_change WHERE {Within("changed_at")}; DELETE FROM workflow_event WHERE {Within("occurred_at")}; DELETE FROM opportunity_snapshot WHERE {Within("created_date")}");
        Assert.Equal(ExpectedFieldChanges - FieldHistoryInRange, await _database.CountAsync("field_change"));
        var backfill = worker.Get<HistoryBackfill>();
        var objects = HistoryOptions.DefaultObjects;

        var first = await backfill.RunAsync(From, To, objects, CancellationToken.None);
        var second = await backfill.RunAsync(From, To, objects, CancellationToken.None);

        Assert.True(FieldHistoryInRange > 0);
        Assert.Equal(objects, first.Select(r => r.HistoryObject));
        Assert.Equal(_org.Scenario.OpportunityFieldHistory.Count(r => InRange(r.CreatedDate)), first.Single(r => r.HistoryObject == "OpportunityFieldHistory").New);
        Assert.Equal(_org.Scenario.LeadHistory.Count(r => InRange(r.CreatedDate)), first.Single(r => r.HistoryObject == "LeadHistory").New);
        Assert.Equal(_org.Scenario.OpportunityHistory.Count(r => InRange(r.CreatedDate)), first.Single(r => r.HistoryObject == "OpportunityHistory").New);
        Assert.All(second, r => Assert.Equal((0, 0), (r.New, r.NewWorkflowEvents)));
        Assert.Equal(first.Select(r => r.Read), second.Select(r => r.Read));
        Assert.Equal(ExpectedFieldChanges, await _database.CountAsync("field_change"));
        Assert.Equal(_org.Scenario.OpportunityHistory.Count, await _database.CountAsync("opportunity_snapshot"));
        Assert.Equal(
            await _database.CountAsync("field_change", "field IN ('StageName','Status','OwnerId','created')"),
            await _database.CountAsync("workflow_event"));
        Assert.Equal(checkpoints, await CheckpointsAsync());
    }

    [Fact]
    public async Task RunAsync_OnAnEmptyStore_ReadsOnlyTheRangeOfTheNamedObjects_AndWritesNoCheckpoint()
    {
        using var worker = CreateWorker();

        var results = await worker.Get<HistoryBackfill>().RunAsync(From, To, ["LeadHistory"], CancellationToken.None);

        var leadRows = _org.Scenario.LeadHistory.Count(r => InRange(r.CreatedDate));
        Assert.True(leadRows > 0);
        Assert.Equal(leadRows, results.Single().Read);
        Assert.Equal(leadRows, await _database.CountAsync("field_change"));
        Assert.Equal(0, await _database.CountAsync("field_change", "object_name <> 'Lead'"));
        Assert.Equal(0, await _database.CountAsync("checkpoint"));
        var query = Assert.Single(_org.ReceivedQueries.Distinct(), q => q.Contains("FROM LeadHistory", StringComparison.Ordinal));
        Assert.Contains($"CreatedDate >= {From:yyyy-MM-dd'T'HH:mm:ss'Z'} AND CreatedDate < {To:yyyy-MM-dd'T'HH:mm:ss'Z'}", query, StringComparison.Ordinal);
        Assert.DoesNotContain(_org.ReceivedQueries, q => q.Contains("FROM OpportunityFieldHistory", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_CreatesThePartitionsOfTheRangesMonths_SoItsRowsLandThere()
    {
        using var worker = CreateWorker();
        // The migration made partitions for this month and the next two; the range may fall in one of them, so they go.
        var months = HistoryBackfill.MonthsOf(From, To);
        foreach (var table in MonthPartitionedTable.All)
        {
            foreach (var month in months)
            {
                await _database.ExecuteAsync($"DROP TABLE IF EXISTS {table.PartitionName(month)}");
            }
        }

        await worker.Get<HistoryBackfill>().RunAsync(From, To, ["OpportunityFieldHistory"], CancellationToken.None);

        foreach (var table in MonthPartitionedTable.All)
        {
            var partitions = await worker.Get<PartitionMaintenance>().ListAsync(table, CancellationToken.None);
            Assert.Superset(months.ToHashSet(), partitions.Select(p => p.From).ToHashSet());
        }

        Assert.True(await _database.CountAsync("field_change", Within("changed_at")) > 0);
        Assert.Equal(0, await _database.CountAsync("field_change_default"));
        Assert.Equal(0, await _database.CountAsync("workflow_event_default"));
    }
}
