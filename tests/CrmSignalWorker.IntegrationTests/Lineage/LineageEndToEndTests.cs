using CrmSignalWorker.Core.Lineage;
using CrmSignalWorker.IntegrationTests.Infrastructure;
using CrmSignalWorker.Lineage;
using CrmSignalWorker.Salesforce.PubSub;
using CrmSignalWorker.Simulator;
using CrmSignalWorker.Sources;

namespace CrmSignalWorker.IntegrationTests.Lineage;

/// <summary>
/// Simulated org scenario → the worker's own ingestion (history poll, or the change streams) → Postgres → inventory,
/// whose every row and count must equal what the scenario generated (issue 4's end-to-end test).
/// </summary>
public sealed class LineageEndToEndTests : IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();
    private readonly SimulatedOrgOptions _orgOptions = new()
    {
        Seed = 23,
        Opportunities = 60,
        Leads = 30,
        Accounts = 0,
        Days = 12,
        // The whole scenario stays on the bus, so the streams can read it from the start.
        EventRetention = TimeSpan.FromDays(60),
        KeepAliveInterval = TimeSpan.FromMilliseconds(300),
    };

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

    private LineageWindow WholeScenario => new(
        new DateTimeOffset(_org.Scenario.FirstDay.AddDays(-1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
        new DateTimeOffset(_org.Scenario.EndDate.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));

    [Fact]
    public async Task Inventory_FromTheHistoryPoll_EqualsTheScenariosHistoryRowByRow()
    {
        using var worker = WorkerHarness.Create(WorkerHarness.BaseSettings(_database, _org, _orgOptions));
        await worker.Get<HistorySync>().RunOnceAsync(CancellationToken.None);

        var report = await worker.Get<LineageReportReader>().ReadAsync(WholeScenario, CancellationToken.None);

        var expected = new ScenarioGroundTruth(_org.Scenario).FromHistory();
        AssertInventory(expected, report.Inventory);
        AssertCoverage(expected, report.Coverage, "history");
        // The scenario has people, the Marketo integration and flows; each must show up as its own writer.
        Assert.Contains(expected.Keys, k => k.ActorKind == "automation");
        Assert.Contains(expected.Keys, k => k.ActorKind == "integration");
        Assert.Contains(expected.Keys, k => k.ActorKind == "human" && k.Channel == "unknown");
    }

    [Fact]
    public async Task Inventory_FromTheChangeStreams_EqualsTheScenariosEvents_WithClientsAndAutomations()
    {
        var settings = WorkerHarness.BaseSettings(_database, _org, _orgOptions);
        settings["PubSub:Endpoint"] = _org.PubSubUrl.ToString();
        settings["PubSub:InitialReplay"] = "Earliest";
        settings["PubSub:ReconnectBaseDelay"] = "00:00:00";
        using var worker = WorkerHarness.Create(settings);
        var truth = new ScenarioGroundTruth(_org.Scenario);
        var expected = truth.FromChangeEvents();

        await using (var opportunities = new IngestorRun(worker, "/data/OpportunityChangeEvent"))
        await using (var leads = new IngestorRun(worker, "/data/LeadChangeEvent"))
        await using (var workflow = new IngestorRun(worker, WorkflowEventMessageTopic))
        {
            await WaitForAsync([opportunities, leads, workflow], expected.Values.Sum(), truth.WorkflowEventCount);
        }

        var report = await worker.Get<LineageReportReader>().ReadAsync(WholeScenario, CancellationToken.None);

        AssertInventory(expected, report.Inventory);
        AssertCoverage(expected, report.Coverage, "cdc");
        Assert.Contains(expected.Keys, k => k.ClientName == "MarketoSync");
        Assert.Contains(expected.Keys, k => k.AutomationId is not null);
        Assert.Contains(expected.Keys, k => k.Channel == "ui");
    }

    private const string WorkflowEventMessageTopic = Core.Normalization.WorkflowEventMessageNormalizer.Topic;

    private async Task WaitForAsync(IReadOnlyList<IngestorRun> runs, long changes, long workflowEvents)
    {
        // Real time, generous; the assertions are on what was stored, never on how long it took.
        for (var i = 0; i < 1200; i++)
        {
            foreach (var run in runs)
            {
                await run.ThrowIfFailedAsync();
            }

            if (await _database.CountAsync("field_change", "source = 'cdc'") >= changes
                && await _database.CountAsync("workflow_event", "source_key LIKE 'pe:%'") >= workflowEvents)
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"Stored {await _database.CountAsync("field_change", "source = 'cdc'")} of {changes} changes and "
            + $"{await _database.CountAsync("workflow_event", "source_key LIKE 'pe:%'")} of {workflowEvents} workflow events.");
    }

    private static void AssertInventory(Dictionary<InventoryKey, long> expected, LineageInventory inventory)
    {
        var actual = inventory.Fields
            .SelectMany(f => f.Writers.Select(w => (Key: new InventoryKey(f.ObjectName, f.Field, w.Writer.ActorKind, w.Writer.Team, w.Writer.ClientName, w.Writer.AutomationId, w.Channel), w.Writes)))
            .ToDictionary(p => p.Key, p => p.Writes);
        Assert.Equal(Ordered(expected), Ordered(actual));
        Assert.Equal(expected.Values.Sum(), inventory.Writes);
        foreach (var field in inventory.Fields)
        {
            Assert.Equal(field.Writes, field.Writers.Sum(w => w.Writes));
            Assert.Equal(field.Writes, field.Channels.Sum(c => c.Writes));
        }
    }

    private static void AssertCoverage(Dictionary<InventoryKey, long> expected, AttributionCoverage coverage, string source)
    {
        var truth = ScenarioGroundTruth.Coverage(expected);
        Assert.Equal(
            truth.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, source, p.Value.Changes, p.Value.Attributed)),
            coverage.BySource.Select(s => (s.ObjectName, s.Source!, s.Changes, s.Attributed)));
    }

    private static List<string> Ordered(Dictionary<InventoryKey, long> rows) =>
        [.. rows.Select(p => $"{p.Key} = {p.Value}").Order(StringComparer.Ordinal)];
}
