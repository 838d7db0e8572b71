using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;

namespace CrmSignalWorker.IntegrationTests.Simulator.Http;

public sealed class TokenEndpointTests
{
    private static readonly DateTimeOffset s_now = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Token_ValidClientCredentials_ReturnsSalesforceTokenResponse()
    {
        var time = new FakeTimeProvider(s_now);
        await using var org = await OrgClient.StartOrgAsync(time);
        using var client = new OrgClient(org);

        using var response = await client.RequestTokenAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        var instanceUrl = org.BaseUrl.GetLeftPart(UriPartial.Authority);
        var identityUrl = $"{instanceUrl}/id/{org.Scenario.OrganizationId}/{org.Scenario.RunAsUserId}";
        Assert.StartsWith(org.Scenario.OrganizationId[..15] + "!", root.GetProperty("access_token").GetString(), StringComparison.Ordinal);
        Assert.Equal(instanceUrl, root.GetProperty("instance_url").GetString());
        Assert.Equal(identityUrl, root.GetProperty("id").GetString());
        Assert.Equal("Bearer", root.GetProperty("token_type").GetString());
        Assert.Equal("api", root.GetProperty("scope").GetString());
        var issuedAt = root.GetProperty("issued_at").GetString()!;
        Assert.Equal(s_now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), issuedAt);
        var expectedSignature = Convert.ToBase64String(
            HMACSHA256.HashData(Encoding.UTF8.GetBytes("sim-client-secret"), Encoding.UTF8.GetBytes(identityUrl + issuedAt)));
        Assert.Equal(expectedSignature, root.GetProperty("signature").GetString());
    }

    [Fact]
    public async Task Token_TwoRequests_IssueDistinctTokens()
    {
        await using var org = await OrgClient.StartOrgAsync();
        using var client = new OrgClient(org);

        Assert.NotEqual(await client.GetTokenAsync(), await client.GetTokenAsync());
    }

    [Fact]
    public async Task Token_WrongSecret_Returns400InvalidClient()
    {
        await using var org = await OrgClient.StartOrgAsync();
        using var client = new OrgClient(org);

        using var response = await client.RequestTokenAsync(clientSecret: "wrong");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(
            """{"error":"invalid_client","error_description":"invalid client credentials"}""",
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Token_UnknownClientId_Returns400InvalidClient()
    {
        await using var org = await OrgClient.StartOrgAsync();
        using var client = new OrgClient(org);

        using var response = await client.RequestTokenAsync(clientId: "someone-else");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"invalid_client\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_OtherGrantType_Returns400UnsupportedGrantType()
    {
        await using var org = await OrgClient.StartOrgAsync();
        using var client = new OrgClient(org);

        using var response = await client.RequestTokenAsync(grantType: "password");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(
            """{"error":"unsupported_grant_type","error_description":"grant type not supported"}""",
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Token_UsedJustBeforeLifetimeEnds_IsAccepted()
    {
        var time = new FakeTimeProvider(s_now);
        await using var org = await OrgClient.StartOrgAsync(time);
        using var client = new OrgClient(org);
        var token = await client.GetTokenAsync();

        time.Advance(TimeSpan.FromHours(2) - TimeSpan.FromSeconds(1));
        using var response = await client.GetAsync(OrgClient.QueryPath("SELECT Id FROM User"), token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Token_AfterLifetime_RestCallGets401InvalidSession()
    {
        var time = new FakeTimeProvider(s_now);
        await using var org = await OrgClient.StartOrgAsync(time);
        using var client = new OrgClient(org);
        var token = await client.GetTokenAsync();

        time.Advance(TimeSpan.FromHours(2));
        using var response = await client.GetAsync(OrgClient.QueryPath("SELECT Id FROM User"), token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var error = await OrgClient.ReadSingleErrorAsync(response);
        Assert.Equal("INVALID_SESSION_ID", error.GetProperty("errorCode").GetString());
        Assert.Equal("Session expired or invalid", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task ExpireAllTokens_OldTokenRejectedAndFreshTokenAccepted()
    {
        await using var org = await OrgClient.StartOrgAsync();
        using var client = new OrgClient(org);
        var old = await client.GetTokenAsync();

        org.Faults.ExpireAllTokens();
        using var rejected = await client.GetAsync(OrgClient.QueryPath("SELECT Id FROM User"), old);
        using var accepted = await client.GetAsync(OrgClient.QueryPath("SELECT Id FROM User"), await client.GetTokenAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, rejected.StatusCode);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("00Dnot-a-real-token")]
    public async Task Query_MissingOrUnknownToken_Returns401(string? token)
    {
        await using var org = await OrgClient.StartOrgAsync();
        using var client = new OrgClient(org);

        using var response = await client.GetAsync(OrgClient.QueryPath("SELECT Id FROM User"), token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("INVALID_SESSION_ID", (await OrgClient.ReadSingleErrorAsync(response)).GetProperty("errorCode").GetString());
    }

    [Fact]
    public async Task IdentityUrl_WithToken_ReturnsOrganizationAndUser()
    {
        await using var org = await OrgClient.StartOrgAsync();
        using var client = new OrgClient(org);
        var token = await client.GetTokenAsync();

        using var response = await client.GetAsync($"/id/{org.Scenario.OrganizationId}/{org.Scenario.RunAsUserId}", token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(org.Scenario.OrganizationId, json.RootElement.GetProperty("organization_id").GetString());
        Assert.Equal(org.Scenario.RunAsUserId, json.RootElement.GetProperty("user_id").GetString());
    }
}
