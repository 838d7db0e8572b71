using System.Net;
using CrmSignalWorker.IntegrationTests.Infrastructure;
using CrmSignalWorker.Simulator;

namespace CrmSignalWorker.IntegrationTests.Api;

/// <summary>Without a configured token the API does not exist: no route, no authentication, health as before.</summary>
public sealed class ApiWithoutTokensTests : IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();
    private readonly SimulatedOrgOptions _orgOptions = new() { Seed = 5, Opportunities = 5, Leads = 5, Days = 3 };
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
    public async Task Trace_NoTokensConfigured_IsNotMapped()
    {
        var settings = WorkerHarness.BaseSettings(_database, _org, _orgOptions);
        settings["PubSub:Endpoint"] = null;
        await using var worker = await RunHost.StartAsync(settings);

        Assert.Equal(HttpStatusCode.NotFound, (await worker.GetAsync($"/trace/{MarketRows.EmeaRecord}")).Status);
        Assert.Equal(HttpStatusCode.OK, (await worker.GetAsync("/healthz")).Status);
    }
}
