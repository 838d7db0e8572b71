using System.Diagnostics;
using System.Net;

namespace CrmSignalWorker.IntegrationTests.Simulator.Http;

public sealed class FaultInjectionTests
{
    [Fact]
    public async Task FailNext_503_AnswersErrorArrayForCountThenRecovers()
    {
        await using var org = await OrgClient.StartOrgAsync();
        using var client = new OrgClient(org);
        var token = await client.GetTokenAsync();

        org.Faults.FailNext(2, 503, "SERVER_UNAVAILABLE", "Server temporarily unavailable");
        using var first = await client.GetAsync(OrgClient.QueryPath("SELECT Id FROM User"), token);
        using var second = await client.GetAsync(OrgClient.QueryPath("SELECT Id FROM User"), token);
        using var third = await client.GetAsync(OrgClient.QueryPath("SELECT Id FROM User"), token);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, first.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
        Assert.Equal("application/json", first.Content.Headers.ContentType?.MediaType);
        Assert.Equal(
            """[{"message":"Server temporarily unavailable","errorCode":"SERVER_UNAVAILABLE"}]""",
            await first.Content.ReadAsStringAsync());
        Assert.True(first.Headers.Contains("Sforce-Limit-Info"));
        Assert.Equal(1, org.ApiRequestCount);
    }

    [Fact]
    public async Task FailNext_AppliesToTokenEndpointToo()
    {
        await using var org = await OrgClient.StartOrgAsync();
        using var client = new OrgClient(org);

        org.Faults.FailNext(1, 500, "UNKNOWN_EXCEPTION", "An unexpected error occurred");
        using var failed = await client.RequestTokenAsync();
        using var succeeded = await client.RequestTokenAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Equal("UNKNOWN_EXCEPTION", (await OrgClient.ReadSingleErrorAsync(failed)).GetProperty("errorCode").GetString());
        Assert.Equal(HttpStatusCode.OK, succeeded.StatusCode);
    }

    [Fact]
    public async Task Reset_ClearsPendingFailures()
    {
        await using var org = await OrgClient.StartOrgAsync();
        using var client = new OrgClient(org);
        var token = await client.GetTokenAsync();

        org.Faults.FailNext(5, 503, "SERVER_UNAVAILABLE", "down");
        org.Faults.Reset();
        using var response = await client.GetAsync(OrgClient.QueryPath("SELECT Id FROM User"), token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task SetLatency_DelaysEveryResponse()
    {
        await using var org = await OrgClient.StartOrgAsync();
        using var client = new OrgClient(org);
        var token = await client.GetTokenAsync();

        org.Faults.SetLatency(TimeSpan.FromMilliseconds(300));
        var watch = Stopwatch.StartNew();
        using var response = await client.GetAsync(OrgClient.QueryPath("SELECT Id FROM User"), token);
        watch.Stop();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(290), $"took {watch.Elapsed}");
    }

    [Fact]
    public void FailNext_NonErrorStatus_Throws()
    {
        var faults = CreateDetachedInjector();

        Assert.Throws<ArgumentOutOfRangeException>(() => faults.FailNext(1, 200, "OK", "not an error"));
        Assert.Throws<ArgumentOutOfRangeException>(() => faults.FailNext(0, 503, "SERVER_UNAVAILABLE", "down"));
    }

    private static CrmSignalWorker.Simulator.FaultInjector CreateDetachedInjector()
    {
        var options = new CrmSignalWorker.Simulator.SimulatedOrgOptions { Opportunities = 10, Leads = 0 };
        var scenario = CrmSignalWorker.Simulator.Scenario.Generate(options, new DateOnly(2026, 11, 23));
        return new CrmSignalWorker.Simulator.FaultInjector(new CrmSignalWorker.Simulator.Http.TokenIssuer(scenario, options, TimeProvider.System));
    }
}
