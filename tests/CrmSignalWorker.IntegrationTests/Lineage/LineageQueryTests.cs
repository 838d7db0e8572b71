using CrmSignalWorker.Core.Lineage;
using CrmSignalWorker.IntegrationTests.Infrastructure;
using CrmSignalWorker.Storage.Lineage;

namespace CrmSignalWorker.IntegrationTests.Lineage;

/// <summary>The lineage and coverage aggregations against real Postgres: window bounds, month partitions and the automation join.</summary>
public sealed class LineageQueryTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 1, 31, 23, 0, 0, TimeSpan.Zero);
    private static readonly LineageWindow Window = new(Start, Start.AddDays(2));
    private readonly PostgresDatabase _database = new();
    private StoredWrites _writes = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _writes = new StoredWrites(_database);
    }

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task WritersAsync_CountsWritesInTheWindowAcrossMonths_AndNotOutside()
    {
        await _writes.AddFieldChangeAsync("Opportunity", "StageName", Start, "human", "AE", "ui");
        // The next month's partition, still inside the window.
        await _writes.AddFieldChangeAsync("Opportunity", "StageName", Start.AddHours(2), "human", "AE", "ui");
        await _writes.AddFieldChangeAsync("Opportunity", "StageName", Start.AddSeconds(-1), "human", "AE", "ui");
        await _writes.AddFieldChangeAsync("Opportunity", "StageName", Window.To, "human", "AE", "ui");

        var tallies = await new LineageQuery(_database.DataSource).WritersAsync(Window, CancellationToken.None);

        var tally = Assert.Single(tallies);
        Assert.Equal(new WriterTally("Opportunity", "StageName", new Writer("human", "AE", null, null), "ui", 2), tally);
    }

    [Fact]
    public async Task WritersAsync_TakesTheAutomationOfTheSameTransactionAndRecord_AndLeavesAnAmbiguousOneUnknown()
    {
        await _writes.AddFieldChangeAsync("Opportunity", "StageName", Start, "automation", "Automation", "automation", correlationId: "tx-1");
        await _writes.AddFieldChangeAsync("Opportunity", "Probability", Start, "automation", "Automation", "automation", correlationId: "tx-1");
        await _writes.AddWorkflowEventAsync("Opportunity_Stage_Flow", Start, "tx-1");
        // The same transaction on another record names another flow: it must not reach this record's writes.
        await _writes.AddWorkflowEventAsync("Lead_Routing_Flow", Start, "tx-1", recordId: "00Q000000000001AAA");
        await _writes.AddFieldChangeAsync("Opportunity", "OwnerId", Start, "automation", "Automation", "automation", correlationId: "tx-2");
        await _writes.AddWorkflowEventAsync("Flow_A", Start, "tx-2");
        await _writes.AddWorkflowEventAsync("Flow_B", Start, "tx-2");

        var tallies = await new LineageQuery(_database.DataSource).WritersAsync(Window, CancellationToken.None);

        Assert.Equal(
            [("OwnerId", null), ("Probability", "Opportunity_Stage_Flow"), ("StageName", "Opportunity_Stage_Flow")],
            tallies.Select(t => (t.Field, t.Writer.AutomationId)).OrderBy(t => t.Field, StringComparer.Ordinal));
    }

    [Fact]
    public async Task TalliesAsync_CountsCandidateFieldsPerObjectSourceAndField_WithKnownActorAndChannel()
    {
        await _writes.AddFieldChangeAsync("Opportunity", "StageName", Start, "human", "AE", "ui", source: "cdc");
        await _writes.AddFieldChangeAsync("Opportunity", "StageName", Start, "human", "AE", "unknown", source: "history");
        await _writes.AddFieldChangeAsync("Opportunity", "StageName", Start, "unknown", null, "api", source: "history");
        await _writes.AddFieldChangeAsync("Opportunity", "StageName", Start, "integration", "Integration", "api", source: "history");
        await _writes.AddFieldChangeAsync("Opportunity", "Amount", Start, "human", "AE", "ui", source: "history");

        var tallies = await new AttributionCoverageQuery(_database.DataSource).TalliesAsync(Window, CancellationToken.None);

        Assert.Equal(
            [new CoverageTally("Opportunity", "cdc", "StageName", 1, 1), new CoverageTally("Opportunity", "history", "StageName", 3, 1)],
            tallies.OrderBy(t => t.Source, StringComparer.Ordinal));
    }
}
