using System.Net.Http.Headers;
using System.Text.Json;
using CrmSignalWorker.Simulator;

namespace CrmSignalWorker.IntegrationTests.Simulator;

/// <summary>A plain HttpClient speaking to the simulated org the way any Salesforce client would.</summary>
internal sealed class OrgClient : IDisposable
{
    public const string Version = "v62.0";

    private readonly HttpClient _http;
    private readonly SimulatedOrg _org;

    public OrgClient(SimulatedOrg org)
    {
        _org = org;
        _http = new HttpClient { BaseAddress = org.BaseUrl };
    }

    public static Task<SimulatedOrg> StartOrgAsync(TimeProvider? time = null, Action<SimulatedOrgOptions>? configure = null)
    {
        var options = new SimulatedOrgOptions { EndDate = new DateOnly(2026, 11, 23) };
        configure?.Invoke(options);
        return SimulatedOrg.StartAsync(options, time);
    }

    public static string QueryPath(string soql, bool all = false) =>
        $"/services/data/{Version}/{(all ? "queryAll" : "query")}?q={Uri.EscapeDataString(soql)}";

    public async Task<HttpResponseMessage> RequestTokenAsync(string clientId = "sim-client-id", string clientSecret = "sim-client-secret", string grantType = "client_credentials")
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = grantType,
            ["client_id"] = clientId,
            ["client_secret"] = clientSecret,
        });
        return await _http.PostAsync("/services/oauth2/token", form);
    }

    public async Task<string> GetTokenAsync()
    {
        using var response = await RequestTokenAsync();
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("access_token").GetString()!;
    }

    public async Task<HttpResponseMessage> GetAsync(string pathAndQuery, string? token, int? batchSize = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (batchSize is { } size)
        {
            request.Headers.Add("Sforce-Query-Options", $"batchSize={size}");
        }

        return await _http.SendAsync(request);
    }

    /// <summary>Runs a query and follows nextRecordsUrl to the end, returning each page's JSON.</summary>
    public async Task<List<JsonElement>> QueryPagesAsync(string soql, string token, int? batchSize = null, bool all = false)
    {
        var pages = new List<JsonElement>();
        string? next = QueryPath(soql, all);
        while (next is not null)
        {
            using var response = await GetAsync(next, token, batchSize);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
            var page = JsonDocument.Parse(body).RootElement.Clone();
            pages.Add(page);
            next = page.GetProperty("done").GetBoolean() ? null : page.GetProperty("nextRecordsUrl").GetString();
        }

        return pages;
    }

    public static async Task<JsonElement> ReadSingleErrorAsync(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(JsonValueKind.Array, json.RootElement.ValueKind);
        return Assert.Single(json.RootElement.EnumerateArray()).Clone();
    }

    public Scenario Scenario => _org.Scenario;

    public void Dispose() => _http.Dispose();
}
