using CrmSignalWorker.IntegrationTests.Infrastructure;
using CrmSignalWorker.Salesforce;
using CrmSignalWorker.Salesforce.Auth;
using CrmSignalWorker.Salesforce.Rest;
using CrmSignalWorker.Simulator;
using Polly.CircuitBreaker;

namespace CrmSignalWorker.IntegrationTests.SalesforceResilience;

/// <summary>The worker's REST and token pipelines against the simulated org over loopback, with its faults injected.</summary>
public sealed class SalesforcePipelineTests : IAsyncLifetime
{
    private const string UsersQuery = "SELECT Id FROM User ORDER BY Id";
    private readonly PostgresDatabase _database = new();
    private readonly SimulatedOrgOptions _orgOptions = new() { Seed = 11, Days = 3, Opportunities = 5, Leads = 2 };
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

    private WorkerHarness CreateWorker(Action<Dictionary<string, string?>>? configure = null)
    {
        var settings = WorkerHarness.BaseSettings(_database, _org, _orgOptions);
        configure?.Invoke(settings);
        return WorkerHarness.Create(settings);
    }

    /// <summary>Mints the token now, so faults injected afterwards hit the query endpoint and not the token endpoint.</summary>
    private static async Task<SalesforceRestClient> ClientWithTokenAsync(WorkerHarness worker)
    {
        await worker.Get<ISalesforceTokenProvider>().GetTokenAsync(CancellationToken.None);
        return worker.Get<SalesforceRestClient>();
    }

    private static async Task<int> CountRowsAsync(SalesforceRestClient client, string soql)
    {
        var rows = 0;
        await foreach (var page in client.QueryAsync(soql, includeDeleted: false, CancellationToken.None))
        {
            rows += page.Records.Count;
        }

        return rows;
    }

    [Fact]
    public async Task QueryAsync_503Burst_IsRetriedThenSucceedsAndEachRetryIsCounted()
    {
        using var worker = CreateWorker();
        using var metrics = new MeterProbe(worker.Get<SalesforceTelemetry>().Meter);
        var client = await ClientWithTokenAsync(worker);
        _org.Faults.FailNext(3, 503, "SERVER_UNAVAILABLE", "Server is down for maintenance");

        var rows = await CountRowsAsync(client, UsersQuery);

        Assert.Equal(_org.Scenario.Users.Count, rows);
        Assert.Equal(3, metrics.Sum("crmsignal.salesforce.retries", "pipeline=salesforce-query", "cause=SERVER_UNAVAILABLE"));
    }

    [Fact]
    public async Task QueryAsync_MalformedQuery_FailsAtOnceWithoutRetrying()
    {
        using var worker = CreateWorker();
        using var metrics = new MeterProbe(worker.Get<SalesforceTelemetry>().Meter);
        var client = await ClientWithTokenAsync(worker);
        var received = _org.ReceivedQueries.Count;

        // Aggregates are refused by the org with 400 MALFORMED_QUERY.
        var error = await Assert.ThrowsAsync<SalesforceApiException>(() => CountRowsAsync(client, "SELECT COUNT() FROM User"));

        Assert.Equal("MALFORMED_QUERY", error.ErrorCode);
        Assert.Equal(received + 1, _org.ReceivedQueries.Count);
        Assert.Equal(0, metrics.Sum("crmsignal.salesforce.retries"));
    }

    [Fact]
    public async Task QueryAsync_RepeatedFailures_OpenTheCircuitWhichRejectsWithoutCallingThenHalfOpensAfterTheBreak()
    {
        using var worker = CreateWorker(s =>
        {
            s["Salesforce:CircuitMinimumThroughput"] = "4";
            s["Salesforce:CircuitBreakDuration"] = "00:02:00";
        });
        using var metrics = new MeterProbe(worker.Get<SalesforceTelemetry>().Meter);
        var client = await ClientWithTokenAsync(worker);

        // One attempt and three retries, all refused: the fourth failure opens the circuit.
        _org.Faults.FailNext(100, 503, "SERVER_UNAVAILABLE", "Server is down for maintenance");
        await Assert.ThrowsAsync<SalesforceApiException>(() => CountRowsAsync(client, UsersQuery));
        _org.Faults.Reset();
        var received = _org.ReceivedQueries.Count;

        // Salesforce is back, but the open circuit rejects the call without sending it.
        await Assert.ThrowsAsync<BrokenCircuitException>(() => CountRowsAsync(client, UsersQuery));
        Assert.Equal(received, _org.ReceivedQueries.Count);

        // After the break a trial call goes through; its success closes the circuit.
        worker.Time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(_org.Scenario.Users.Count, await CountRowsAsync(client, UsersQuery));
        Assert.Equal(_org.Scenario.Users.Count, await CountRowsAsync(client, UsersQuery));

        Assert.Equal(1, metrics.Sum("crmsignal.salesforce.circuit.transitions", "pipeline=salesforce-query", "state=open"));
        Assert.Equal(1, metrics.Sum("crmsignal.salesforce.circuit.transitions", "pipeline=salesforce-query", "state=half_open"));
        Assert.Equal(1, metrics.Sum("crmsignal.salesforce.circuit.transitions", "pipeline=salesforce-query", "state=closed"));
    }

    [Fact]
    public async Task GetTokenAsync_TokenEndpointUnavailable_IsRetriedOnTheTokenPipeline()
    {
        using var worker = CreateWorker();
        using var metrics = new MeterProbe(worker.Get<SalesforceTelemetry>().Meter);
        _org.Faults.FailNext(2, 503, "SERVER_UNAVAILABLE", "Server is down for maintenance");

        var token = await worker.Get<ISalesforceTokenProvider>().GetTokenAsync(CancellationToken.None);

        Assert.False(string.IsNullOrEmpty(token.AccessToken));
        Assert.Equal(2, metrics.Sum("crmsignal.salesforce.retries", "pipeline=salesforce-token"));
        Assert.Equal(0, metrics.Sum("crmsignal.salesforce.retries", "pipeline=salesforce-query"));
    }

    [Fact]
    public async Task GetTokenAsync_RefusedCredentials_AreNotRetried()
    {
        using var worker = CreateWorker(s => s["Salesforce:ClientSecret"] = "wrong-secret-value");
        using var metrics = new MeterProbe(worker.Get<SalesforceTelemetry>().Meter);

        var error = await Assert.ThrowsAsync<SalesforceAuthException>(() => worker.Get<ISalesforceTokenProvider>().GetTokenAsync(CancellationToken.None));

        Assert.False(error.IsTransient);
        Assert.Equal(0, metrics.Sum("crmsignal.salesforce.retries"));
    }
}
