using System.Net;
using System.Text.Json;

namespace CrmSignalWorker.IntegrationTests.Simulator.Http;

public sealed class ApiUsageTests
{
    [Fact]
    public async Task SforceLimitInfo_EachCountedCall_IncrementsUsage()
    {
        await using var org = await OrgClient.StartOrgAsync(configure: o => o.DailyApiLimit = 5000);
        using var client = new OrgClient(org);
        var token = await client.GetTokenAsync();

        using var first = await client.GetAsync(OrgClient.QueryPath("SELECT Id FROM User"), token);
        using var second = await client.GetAsync(OrgClient.QueryPath("SELECT Id FROM User"), token);

        Assert.Equal("api-usage=1/5000", LimitInfo(first));
        Assert.Equal("api-usage=2/5000", LimitInfo(second));
        Assert.Equal(2, org.ApiRequestCount);
    }

    [Fact]
    public async Task SforceLimitInfo_RejectedSession_IsReportedButNotCounted()
    {
        await using var org = await OrgClient.StartOrgAsync();
        using var client = new OrgClient(org);

        using var response = await client.GetAsync(OrgClient.QueryPath("SELECT Id FROM User"), "bogus");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("api-usage=0/100000", LimitInfo(response));
        Assert.Equal(0, org.ApiRequestCount);
    }

    [Fact]
    public async Task TokenEndpoint_DoesNotCountOrCarryLimitInfo()
    {
        await using var org = await OrgClient.StartOrgAsync();
        using var client = new OrgClient(org);

        using var response = await client.RequestTokenAsync();

        Assert.False(response.Headers.Contains("Sforce-Limit-Info"));
        Assert.Equal(0, org.ApiRequestCount);
    }

    [Fact]
    public async Task DailyLimitUsedUp_Returns403RequestLimitExceeded()
    {
        await using var org = await OrgClient.StartOrgAsync(configure: o => o.DailyApiLimit = 2);
        using var client = new OrgClient(org);
        var token = await client.GetTokenAsync();

        (await client.GetAsync(OrgClient.QueryPath("SELECT Id FROM User"), token)).Dispose();
        (await client.GetAsync(OrgClient.QueryPath("SELECT Id FROM User"), token)).Dispose();
        using var refused = await client.GetAsync(OrgClient.QueryPath("SELECT Id FROM User"), token);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var error = await OrgClient.ReadSingleErrorAsync(refused);
        Assert.Equal("REQUEST_LIMIT_EXCEEDED", error.GetProperty("errorCode").GetString());
        Assert.Equal("TotalRequests Limit exceeded.", error.GetProperty("message").GetString());
        Assert.Equal("api-usage=2/2", LimitInfo(refused));
    }

    [Fact]
    public async Task DailyLimit_IsARolling24Hours_SoAUsedUpAllocationComesBackADayLater()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));
        await using var org = await OrgClient.StartOrgAsync(time, o => o.DailyApiLimit = 2);
        using var client = new OrgClient(org);
        (await client.GetAsync(OrgClient.QueryPath("SELECT Id FROM User"), await client.GetTokenAsync())).Dispose();
        time.Advance(TimeSpan.FromHours(12));
        (await client.GetAsync(OrgClient.QueryPath("SELECT Id FROM User"), await client.GetTokenAsync())).Dispose();

        time.Advance(TimeSpan.FromHours(12));
        using var afterFirstAgedOut = await client.GetAsync(OrgClient.QueryPath("SELECT Id FROM User"), await client.GetTokenAsync());
        using var refused = await client.GetAsync(OrgClient.QueryPath("SELECT Id FROM User"), await client.GetTokenAsync());

        Assert.Equal(HttpStatusCode.OK, afterFirstAgedOut.StatusCode);
        Assert.Equal("api-usage=2/2", LimitInfo(afterFirstAgedOut));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task Limits_ReportsDailyApiRequestsRemaining()
    {
        await using var org = await OrgClient.StartOrgAsync(configure: o => o.DailyApiLimit = 1000);
        using var client = new OrgClient(org);
        var token = await client.GetTokenAsync();
        (await client.GetAsync(OrgClient.QueryPath("SELECT Id FROM User"), token)).Dispose();

        using var response = await client.GetAsync("/services/data/v62.0/limits", token);

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var daily = json.RootElement.GetProperty("DailyApiRequests");
        Assert.Equal(1000, daily.GetProperty("Max").GetInt32());
        Assert.Equal(998, daily.GetProperty("Remaining").GetInt32());
    }

    [Fact]
    public async Task Limits_StartedNearTheAllocation_BodyAgreesWithHeaderThenRequestLimitExceeded()
    {
        await using var org = await OrgClient.StartOrgAsync(configure: o =>
        {
            o.DailyApiLimit = 15_000;
            o.DailyApiRequestsUsed = 14_998;
        });
        using var client = new OrgClient(org);
        var token = await client.GetTokenAsync();

        using var limits = await client.GetAsync("/services/data/v62.0/limits", token);
        using var last = await client.GetAsync(OrgClient.QueryPath("SELECT Id FROM User"), token);
        using var refused = await client.GetAsync("/services/data/v62.0/limits", token);

        Assert.Equal("api-usage=14999/15000", LimitInfo(limits));
        using var json = JsonDocument.Parse(await limits.Content.ReadAsStringAsync());
        var daily = json.RootElement.GetProperty("DailyApiRequests");
        Assert.Equal(15_000, daily.GetProperty("Max").GetInt32());
        Assert.Equal(1, daily.GetProperty("Remaining").GetInt32());
        Assert.Equal(HttpStatusCode.OK, last.StatusCode);
        Assert.Equal("api-usage=15000/15000", LimitInfo(last));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("REQUEST_LIMIT_EXCEEDED", (await OrgClient.ReadSingleErrorAsync(refused)).GetProperty("errorCode").GetString());
        Assert.Equal(15_000, org.ApiRequestCount);
    }

    [Fact]
    public async Task StartAsync_UsageAboveAllocation_FailsNamingTheSetting()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => OrgClient.StartOrgAsync(configure: o =>
        {
            o.DailyApiLimit = 10;
            o.DailyApiRequestsUsed = 11;
        }));

        Assert.Contains("SimulatedOrgOptions.DailyApiRequestsUsed", error.Message, StringComparison.Ordinal);
    }

    private static string LimitInfo(HttpResponseMessage response) => Assert.Single(response.Headers.GetValues("Sforce-Limit-Info"));
}
