using CrmSignalWorker.IntegrationTests.Infrastructure;
using CrmSignalWorker.Simulator;

namespace CrmSignalWorker.IntegrationTests.Lineage;

/// <summary>The coverage gauge as Prometheus scrapes it from `crmsignal run`.</summary>
public sealed class AttributionCoverageMetricsTests : IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();
    private readonly SimulatedOrgOptions _orgOptions = new() { Seed = 5, Opportunities = 10, Leads = 5, Accounts = 0, Days = 5 };
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

    [Fact]
    public async Task Metrics_ServeTheCoverageShareAndVolume_PerObjectAndSource()
    {
        // Stored before the worker starts, so the coverage job's first run (at start) sees them: 1 of 4 attributed.
        // Source cdc: the history poll the worker starts with stores only history rows.
        var writes = new StoredWrites(_database);
        var yesterday = DateTimeOffset.UtcNow.AddDays(-1);
        await writes.AddFieldChangeAsync("Lead", "Status", yesterday, "human", "SDR", "ui");
        await writes.AddFieldChangeAsync("Lead", "Status", yesterday, "human", "SDR", "unknown");
        await writes.AddFieldChangeAsync("Lead", "OwnerId", yesterday, "unknown", null, "api");
        await writes.AddFieldChangeAsync("Lead", "OwnerId", yesterday, "unknown", null, "unknown");

        await using var worker = await RunHost.StartAsync(WorkerHarness.BaseSettings(_database, _org, _orgOptions));
        var text = await worker.WaitForMetricsAsync(t => PrometheusText.Value(t, "crmsignal_attribution_changes", "object=Lead", "source=cdc") is not null);

        Assert.Equal(4, PrometheusText.Value(text, "crmsignal_attribution_changes", "object=Lead", "source=cdc"));
        Assert.Equal(0.25, PrometheusText.Value(text, "crmsignal_attribution_coverage", "object=Lead", "source=cdc"));
    }
}
