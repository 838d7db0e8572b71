using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;

namespace CrmSignalWorker.IntegrationTests.Simulator.Http;

public sealed class QueryEndpointTests
{
    private const string HistorySoql =
        "SELECT Id, OpportunityId, Field, DataType, OldValue, NewValue, CreatedById, CreatedDate FROM OpportunityFieldHistory ORDER BY CreatedDate, Id";

    private static readonly DateTimeOffset s_now = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Query_BatchSize200_ReturnsEveryRowOnceInCreatedDateIdOrder()
    {
        await using var org = await OrgClient.StartOrgAsync();
        using var client = new OrgClient(org);
        var token = await client.GetTokenAsync();

        var pages = await client.QueryPagesAsync(HistorySoql, token, batchSize: 200);

        var expected = org.Scenario.OpportunityFieldHistory.Where(r => !r.IsDeleted).ToList();
        Assert.True(pages.Count >= 5, $"only {pages.Count} pages");
        Assert.Equal((expected.Count + 199) / 200, pages.Count);
        Assert.All(pages, p => Assert.Equal(expected.Count, p.GetProperty("totalSize").GetInt32()));
        Assert.All(pages.SkipLast(1), p => Assert.Equal(200, p.GetProperty("records").GetArrayLength()));
        Assert.All(pages.SkipLast(1), p => Assert.Matches(@"^/services/data/v62\.0/query/01g[0-9A-Za-z]{15}-\d+$", p.GetProperty("nextRecordsUrl").GetString()));
        Assert.False(pages[^1].TryGetProperty("nextRecordsUrl", out _));

        var records = pages.SelectMany(p => p.GetProperty("records").EnumerateArray()).ToList();
        var ids = records.Select(r => r.GetProperty("Id").GetString()!).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(expected.Select(r => r.Id), ids);
        var keys = records.Select(r => (At: DateTimeOffset.ParseExact(
            r.GetProperty("CreatedDate").GetString()!, "yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture), Id: r.GetProperty("Id").GetString()!)).ToList();
        Assert.All(keys.Zip(keys.Skip(1)), pair => Assert.True(
            pair.First.At < pair.Second.At || (pair.First.At == pair.Second.At && string.CompareOrdinal(pair.First.Id, pair.Second.Id) < 0)));
    }

    [Fact]
    public async Task Query_Record_CarriesAttributesAndSalesforceFormats()
    {
        await using var org = await OrgClient.StartOrgAsync();
        using var client = new OrgClient(org);
        var token = await client.GetTokenAsync();

        var pages = await client.QueryPagesAsync(
            "SELECT Id, Field, OldValue, NewValue, CreatedDate FROM OpportunityFieldHistory WHERE Field = 'Amount' LIMIT 1", token);

        var record = Assert.Single(pages.Single().GetProperty("records").EnumerateArray());
        var id = record.GetProperty("Id").GetString();
        Assert.Equal("OpportunityFieldHistory", record.GetProperty("attributes").GetProperty("type").GetString());
        Assert.Equal($"/services/data/v62.0/sobjects/OpportunityFieldHistory/{id}", record.GetProperty("attributes").GetProperty("url").GetString());
        Assert.Equal(JsonValueKind.Number, record.GetProperty("NewValue").ValueKind);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000\+0000$", record.GetProperty("CreatedDate").GetString());
    }

    [Fact]
    public async Task Query_CreatedDateAtOrAfterWatermark_ReturnsOnlyThoseRowsIncludingSameSecond()
    {
        await using var org = await OrgClient.StartOrgAsync();
        using var client = new OrgClient(org);
        var token = await client.GetTokenAsync();
        var live = org.Scenario.OpportunityFieldHistory.Where(r => !r.IsDeleted).ToList();
        var watermark = live.GroupBy(r => r.CreatedDate).Where(g => g.Count() > 1).Select(g => g.Key).Skip(50).First();
        var literal = watermark.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

        var pages = await client.QueryPagesAsync($"SELECT Id, CreatedDate FROM OpportunityFieldHistory WHERE CreatedDate >= {literal} ORDER BY CreatedDate, Id", token);

        var ids = pages.SelectMany(p => p.GetProperty("records").EnumerateArray()).Select(r => r.GetProperty("Id").GetString()).ToList();
        Assert.Equal(live.Where(r => r.CreatedDate >= watermark).Select(r => r.Id), ids);
        Assert.True(ids.Count < live.Count);
        Assert.DoesNotContain(live.Last(r => r.CreatedDate < watermark).Id, ids);
    }

    [Fact]
    public async Task QueryAll_IncludesDeletedRowsThatQueryOmits()
    {
        await using var org = await OrgClient.StartOrgAsync();
        using var client = new OrgClient(org);
        var token = await client.GetTokenAsync();
        const string Soql = "SELECT Id, IsDeleted FROM LeadHistory WHERE IsDeleted = true";

        var query = await client.QueryPagesAsync(Soql, token);
        var queryAll = await client.QueryPagesAsync(Soql, token, all: true);

        Assert.Equal(0, query.Single().GetProperty("totalSize").GetInt32());
        var deleted = org.Scenario.LeadHistory.Count(r => r.IsDeleted);
        Assert.True(deleted > 0);
        Assert.Equal(deleted, queryAll.Single().GetProperty("totalSize").GetInt32());
    }

    [Fact]
    public async Task Query_RelationshipFields_ComeBackNested()
    {
        await using var org = await OrgClient.StartOrgAsync();
        using var client = new OrgClient(org);
        var token = await client.GetTokenAsync();

        var pages = await client.QueryPagesAsync("SELECT Id, Name, UserType, Profile.Name, UserRole.Name, Market__c FROM User ORDER BY Name", token);

        var users = pages.Single().GetProperty("records").EnumerateArray().ToList();
        Assert.Equal(org.Scenario.Users.Count, users.Count);
        var marketo = users.Single(u => u.GetProperty("Name").GetString() == "Marketo Integration");
        Assert.Equal("Minimum Access - API Only Integrations", marketo.GetProperty("Profile").GetProperty("Name").GetString());
        Assert.Equal("Profile", marketo.GetProperty("Profile").GetProperty("attributes").GetProperty("type").GetString());
        Assert.Equal(JsonValueKind.Null, marketo.GetProperty("UserRole").ValueKind);
        Assert.Equal(JsonValueKind.Null, marketo.GetProperty("Market__c").ValueKind);
        var automated = users.Single(u => u.GetProperty("UserType").GetString() == "AutomatedProcess");
        Assert.Equal(JsonValueKind.Null, automated.GetProperty("Profile").ValueKind);
    }

    [Theory]
    [InlineData("SELECT Id FROM User WHERE", "MALFORMED_QUERY", "unexpected token: <EOF>")]
    [InlineData("SELECT Id FROM Asset", "INVALID_TYPE", "sObject type 'Asset' is not supported")]
    [InlineData("SELECT Id, Nope FROM User", "INVALID_FIELD", "No such column 'Nope' on entity 'User'")]
    [InlineData("", "MALFORMED_QUERY", "A query string has to be specified")]
    public async Task Query_BadSoql_Returns400ErrorArray(string soql, string errorCode, string message)
    {
        await using var org = await OrgClient.StartOrgAsync();
        using var client = new OrgClient(org);
        var token = await client.GetTokenAsync();

        using var response = await client.GetAsync(OrgClient.QueryPath(soql), token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await OrgClient.ReadSingleErrorAsync(response);
        Assert.Equal(errorCode, error.GetProperty("errorCode").GetString());
        Assert.Contains(message, error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_UnescapedPlusInDateTime_IsReadAsSpaceLikeSalesforce()
    {
        await using var org = await OrgClient.StartOrgAsync();
        using var client = new OrgClient(org);
        var token = await client.GetTokenAsync();

        using var response = await client.GetAsync(
            "/services/data/v62.0/query?q=SELECT+Id+FROM+User+WHERE+CreatedDate+>+2026-01-01T00:00:00.000+0000", token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("MALFORMED_QUERY", (await OrgClient.ReadSingleErrorAsync(response)).GetProperty("errorCode").GetString());
    }

    [Fact]
    public async Task Query_UnsupportedApiVersion_Returns404NotFound()
    {
        await using var org = await OrgClient.StartOrgAsync();
        using var client = new OrgClient(org);
        var token = await client.GetTokenAsync();

        using var response = await client.GetAsync("/services/data/v99.0/query?q=SELECT+Id+FROM+User", token);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("NOT_FOUND", (await OrgClient.ReadSingleErrorAsync(response)).GetProperty("errorCode").GetString());
    }

    [Fact]
    public async Task NextRecordsUrl_AfterLocatorLifetimeIdle_Returns400InvalidQueryLocator()
    {
        var time = new FakeTimeProvider(s_now);
        await using var org = await OrgClient.StartOrgAsync(time);
        using var client = new OrgClient(org);
        var token = await client.GetTokenAsync();
        var next = await FirstNextRecordsUrlAsync(client, token);

        time.Advance(TimeSpan.FromMinutes(15));
        using var response = await client.GetAsync(next, token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await OrgClient.ReadSingleErrorAsync(response);
        Assert.Equal("INVALID_QUERY_LOCATOR", error.GetProperty("errorCode").GetString());
    }

    [Fact]
    public async Task NextRecordsUrl_FetchedWithinLifetime_StaysAliveOnEachUse()
    {
        var time = new FakeTimeProvider(s_now);
        await using var org = await OrgClient.StartOrgAsync(time);
        using var client = new OrgClient(org);
        var token = await client.GetTokenAsync();
        var next = await FirstNextRecordsUrlAsync(client, token);

        time.Advance(TimeSpan.FromMinutes(14));
        using var first = await client.GetAsync(next, token);
        time.Advance(TimeSpan.FromMinutes(14));
        using var second = await client.GetAsync(next, token);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
    }

    [Theory]
    [InlineData("01gXXXXXXXXXXXXXXX-200")]
    [InlineData("garbage")]
    public async Task NextRecordsUrl_UnknownLocator_Returns400InvalidQueryLocator(string locator)
    {
        await using var org = await OrgClient.StartOrgAsync();
        using var client = new OrgClient(org);
        var token = await client.GetTokenAsync();

        using var response = await client.GetAsync($"/services/data/v62.0/query/{locator}", token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("INVALID_QUERY_LOCATOR", (await OrgClient.ReadSingleErrorAsync(response)).GetProperty("errorCode").GetString());
    }

    [Fact]
    public async Task Query_SameOptions_AnswerWithByteIdenticalBodies()
    {
        await using var first = await OrgClient.StartOrgAsync(new FakeTimeProvider(s_now));
        await using var second = await OrgClient.StartOrgAsync(new FakeTimeProvider(s_now));
        using var firstClient = new OrgClient(first);
        using var secondClient = new OrgClient(second);

        var firstBodies = await ReadBodiesAsync(firstClient);
        var secondBodies = await ReadBodiesAsync(secondClient);

        Assert.Equal(firstBodies, secondBodies);
    }

    [Fact]
    public async Task ReceivedQueries_ListsSoqlInArrivalOrder()
    {
        await using var org = await OrgClient.StartOrgAsync();
        using var client = new OrgClient(org);
        var token = await client.GetTokenAsync();

        (await client.GetAsync(OrgClient.QueryPath("SELECT Id FROM User"), token)).Dispose();
        (await client.GetAsync(OrgClient.QueryPath("SELECT Id FROM LeadHistory WHERE CreatedDate >= 2026-11-01T00:00:00Z", all: true), token)).Dispose();

        Assert.Equal(["SELECT Id FROM User", "SELECT Id FROM LeadHistory WHERE CreatedDate >= 2026-11-01T00:00:00Z"], org.ReceivedQueries);
    }

    private static async Task<string> FirstNextRecordsUrlAsync(OrgClient client, string token)
    {
        using var response = await client.GetAsync(OrgClient.QueryPath(HistorySoql), token, batchSize: 200);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("nextRecordsUrl").GetString()!;
    }

    private static async Task<List<string>> ReadBodiesAsync(OrgClient client)
    {
        var bodies = new List<string>();

        // The token response names the org's own port, so only the token itself can match across two orgs.
        var token = await client.GetTokenAsync();
        bodies.Add(token);
        string? next = OrgClient.QueryPath(HistorySoql);
        while (next is not null)
        {
            using var response = await client.GetAsync(next, token, batchSize: 500);
            var body = await response.Content.ReadAsStringAsync();
            bodies.Add(body);
            var page = JsonDocument.Parse(body).RootElement;
            next = page.GetProperty("done").GetBoolean() ? null : page.GetProperty("nextRecordsUrl").GetString();
        }

        using var users = await client.GetAsync(OrgClient.QueryPath("SELECT Id, Name, Profile.Name, Market__c FROM User"), token);
        bodies.Add(await users.Content.ReadAsStringAsync());
        return bodies;
    }
}
