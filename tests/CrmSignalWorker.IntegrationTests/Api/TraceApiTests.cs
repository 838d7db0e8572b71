using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using CrmSignalWorker.Api;
using CrmSignalWorker.IntegrationTests.Infrastructure;
using CrmSignalWorker.Simulator;
using Dapper;

namespace CrmSignalWorker.IntegrationTests.Api;

/// <summary>
/// `crmsignal run` with API tokens, over loopback HTTP against a real Postgres and the simulated org: a token sees its
/// markets' records and nothing of any other, not even whether a record exists; refusals are logged and counted.
/// </summary>
public sealed class TraceApiTests(TraceApiTests.Host host) : IClassFixture<TraceApiTests.Host>
{
    public const string EmeaSecret = "emea-reader-secret-0123456789abcdef012345";
    public const string AllSecret = "all-markets-reader-secret-0123456789abcdef";
    public const string OperatorSecret = "emea-operator-only-secret-0123456789abcdef";
    private const string WrongSecret = "not-a-configured-token-0123456789abcdef01";

    private async Task<(HttpStatusCode Status, string Body, HttpResponseMessage Response)> GetAsync(string path, string? secret)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        if (secret is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        }

        var response = await host.Worker.Http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    [Fact]
    public async Task Trace_EmeaToken_GetsTheRecordsTimelineInTimeOrderWithAttribution()
    {
        var (status, body, _) = await GetAsync($"/trace/{MarketRows.EmeaRecord}", EmeaSecret);

        Assert.Equal(HttpStatusCode.OK, status);
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        Assert.Equal(MarketRows.EmeaRecord, root.GetProperty("recordId").GetString());
        Assert.Equal("EMEA", root.GetProperty("record").GetProperty("market").GetString());
        Assert.Equal("Emea Deal", root.GetProperty("record").GetProperty("name").GetString());
        Assert.False(root.GetProperty("truncated").GetBoolean());

        var timeline = root.GetProperty("timeline").EnumerateArray().ToList();
        Assert.Equal(
            ["workflow_event:stage_change", "field_write:StageName", "workflow_event:handoff", "field_write:Amount"],
            timeline.Select(e => e.GetProperty("kind").GetString() + ":" + (e.TryGetProperty("fieldWrite", out var w)
                ? w.GetProperty("field").GetString()
                : e.GetProperty("workflowEvent").GetProperty("eventType").GetString())));
        Assert.All(timeline, e => Assert.Equal("EMEA", e.GetProperty("market").GetString()));

        var stage = timeline[1];
        Assert.Equal(MarketRows.T0.AddMinutes(1), stage.GetProperty("at").GetDateTimeOffset());
        Assert.Equal("005A", stage.GetProperty("actor").GetProperty("id").GetString());
        Assert.Equal("human", stage.GetProperty("actor").GetProperty("kind").GetString());
        Assert.Equal("AE", stage.GetProperty("actor").GetProperty("team").GetString());
        Assert.Equal("ui", stage.GetProperty("channel").GetString());
        Assert.Equal(JsonValueKind.Null, stage.GetProperty("clientName").ValueKind);
        Assert.StartsWith($"hist:{MarketRows.EmeaRecord}:005A:", stage.GetProperty("correlationId").GetString(), StringComparison.Ordinal);
        Assert.Equal("Prospecting", stage.GetProperty("fieldWrite").GetProperty("oldValue").GetString());
        Assert.Equal("Qualification", stage.GetProperty("fieldWrite").GetProperty("newValue").GetString());
        Assert.Equal("history", stage.GetProperty("fieldWrite").GetProperty("source").GetString());

        var handoff = timeline[2];
        Assert.Equal("flow-routing", handoff.GetProperty("automationId").GetString());
        Assert.Equal("automation", handoff.GetProperty("actor").GetProperty("kind").GetString());
        Assert.Equal("automation", handoff.GetProperty("channel").GetString());
        Assert.Equal("tx-e2", handoff.GetProperty("correlationId").GetString());
        Assert.Equal("005B", handoff.GetProperty("workflowEvent").GetProperty("ownerAfter").GetString());
    }

    [Fact]
    public async Task Trace_EmeaTokenOnAnApacRecord_Is404ExactlyLikeARecordThatDoesNotExist()
    {
        var other = await GetAsync($"/trace/{MarketRows.ApacRecord}", EmeaSecret);
        var absent = await GetAsync("/trace/006DOESNOTEXISTAAA", EmeaSecret);
        var unmarketed = await GetAsync($"/trace/{MarketRows.UnmarketedRecord}", EmeaSecret);

        Assert.Equal(HttpStatusCode.NotFound, other.Status);
        Assert.Equal(absent.Status, other.Status);
        Assert.Equal(absent.Body, other.Body);
        Assert.Equal(absent.Response.Content.Headers.ContentType, other.Response.Content.Headers.ContentType);
        Assert.Equal((absent.Status, absent.Body), (unmarketed.Status, unmarketed.Body));
    }

    [Fact]
    public async Task Trace_AllMarketsToken_SeesEveryMarketAndRecordsWithoutOne()
    {
        foreach (var record in new[] { MarketRows.EmeaRecord, MarketRows.ApacRecord, MarketRows.UnmarketedRecord })
        {
            var (status, body, _) = await GetAsync($"/trace/{record}", AllSecret);
            Assert.True(status == HttpStatusCode.OK, $"{record}: {(int)status} {body}");
        }
    }

    [Fact]
    public async Task Trace_WorkersOwnIngest_StoresEveryMarket_AndEachTokenTracesOnlyItsOwn()
    {
        // The run host's history poll writes the simulated org (NA, EMEA, APAC) as the table owner, under RLS.
        var records = await host.WaitForIngestedRecordsAsync();
        var emea = records.First(r => r.Market == "EMEA").Id;
        var elsewhere = records.First(r => r.Market != "EMEA").Id;

        Assert.Equal(HttpStatusCode.OK, (await GetAsync($"/trace/{emea}", EmeaSecret)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync($"/trace/{elsewhere}", EmeaSecret)).Status);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync($"/trace/{elsewhere}", AllSecret)).Status);
    }

    [Fact]
    public async Task Trace_Refusals_401WithoutOrWithAWrongToken_403WithoutTheRole_LoggedCountedAndAudited()
    {
        var none = await GetAsync($"/trace/{MarketRows.EmeaRecord}", null);
        var wrong = await GetAsync($"/trace/{MarketRows.EmeaRecord}", WrongSecret);
        var operatorOnly = await GetAsync($"/trace/{MarketRows.EmeaRecord}", OperatorSecret);
        using var basic = new HttpRequestMessage(HttpMethod.Get, new Uri($"/trace/{MarketRows.EmeaRecord}", UriKind.Relative));
        basic.Headers.Authorization = new AuthenticationHeaderValue("Basic", "dXNlcjpwYXNz");
        using var basicResponse = await host.Worker.Http.SendAsync(basic);

        Assert.Equal(HttpStatusCode.Unauthorized, none.Status);
        Assert.Equal("Bearer", none.Response.Headers.WwwAuthenticate.ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.Status);
        Assert.Contains("invalid_token", wrong.Response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, basicResponse.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, operatorOnly.Status);
        Assert.DoesNotContain(MarketRows.EmeaRecord, none.Body + wrong.Body + operatorOnly.Body, StringComparison.Ordinal);

        var metrics = await host.Worker.WaitForMetricsAsync(text =>
            PrometheusText.Value(text, "crmsignal_api_refused_total", "reason=missing_token", "route=/trace/{recordId}") >= 1
            && PrometheusText.Value(text, "crmsignal_api_refused_total", "reason=invalid_token", "route=/trace/{recordId}") >= 2
            && PrometheusText.Value(text, "crmsignal_api_refused_total", "reason=forbidden", "route=/trace/{recordId}") >= 1);
        Assert.DoesNotContain(WrongSecret, metrics, StringComparison.Ordinal);

        var refusals = host.Logs.LinesOf<ApiRefusals>(820).ToList();
        Assert.Contains(refusals, l => l.Contains("missing_token (token none", StringComparison.Ordinal));
        Assert.Contains(refusals, l => l.Contains("invalid_token (token none", StringComparison.Ordinal));
        Assert.Contains(refusals, l => l.Contains("forbidden (token emea-operator", StringComparison.Ordinal) && l.Contains("/trace/{recordId}", StringComparison.Ordinal));
        // Each refusal is also in the audit log, by token name (or anonymous) and route pattern, never the record id.
        Assert.True(await host.Database.CountAsync("audit_log", "kind = 'request.rejected' AND actor = 'anonymous' AND subject = 'GET /trace/{recordId}'") >= 3);
        Assert.True(await host.Database.CountAsync("audit_log", "kind = 'request.rejected' AND actor = 'emea-operator' AND detail LIKE 'forbidden from %'") >= 1);
        Assert.Equal(0, await host.Database.CountAsync("audit_log", $"detail LIKE '%{MarketRows.EmeaRecord}%' OR subject LIKE '%{MarketRows.EmeaRecord}%'"));
        var everything = host.Logs.AllText;
        foreach (var secret in new[] { WrongSecret, EmeaSecret, AllSecret, OperatorSecret, "dXNlcjpwYXNz" })
        {
            Assert.DoesNotContain(secret, everything, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task HealthAndMetrics_NeedNoToken()
    {
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/healthz", null)).Status);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/metrics", null)).Status);
    }

    /// <summary>One database, simulated org and `crmsignal run` for the class: starting the worker is the slow part.</summary>
    public sealed class Host : IAsyncLifetime
    {
        private readonly PostgresDatabase _database = new();
        private readonly SimulatedOrgOptions _orgOptions = new() { Seed = 11, Opportunities = 30, Leads = 10, Days = 5 };
        private SimulatedOrg _org = null!;

        public RunHost Worker { get; private set; } = null!;

        public PostgresDatabase Database => _database;

        public LogCapture Logs { get; } = new();

        public async Task InitializeAsync()
        {
            await _database.InitializeAsync();
            await MarketRows.WriteAsync(_database);
            _org = await SimulatedOrg.StartAsync(_orgOptions);
            var settings = WorkerHarness.BaseSettings(_database, _org, _orgOptions);
            settings["PubSub:Endpoint"] = null;
            AddToken(settings, 0, "emea", EmeaSecret, ["reader"], ["EMEA"]);
            AddToken(settings, 1, "all-markets", AllSecret, ["reader"], ["*"]);
            AddToken(settings, 2, "emea-operator", OperatorSecret, ["operator"], ["EMEA"]);
            Worker = await RunHost.StartAsync(settings, Logs);
        }

        public async Task DisposeAsync()
        {
            await Worker.DisposeAsync();
            await _org.DisposeAsync();
            await _database.DisposeAsync();
        }

        /// <summary>Records of the simulated org the worker has synced and stored writes of, once at least two markets have some.</summary>
        public async Task<IReadOnlyList<(string Id, string Market)>> WaitForIngestedRecordsAsync()
        {
            const string sql = """
                SELECT DISTINCT r.id, r.market FROM crm_record r JOIN field_change f ON f.record_id = r.id
                 WHERE r.market IS NOT NULL AND r.id NOT LIKE '006EMEA%' AND r.id NOT LIKE '006APAC%' ORDER BY r.id
                """;
            var rows = new List<(string Id, string Market)>();
            for (var i = 0; i < 600; i++)
            {
                await using var connection = await _database.DataSource.OpenConnectionAsync();
                rows = (await connection.QueryAsync<(string Id, string Market)>(sql)).ToList();
                if (rows.Any(r => r.Market == "EMEA") && rows.Any(r => r.Market != "EMEA"))
                {
                    return rows;
                }

                await Task.Delay(100);
            }

            Assert.Fail($"the worker stored no writes of records in EMEA and another market within a minute; it has {rows.Count} records with writes");
            return rows;
        }

        private static void AddToken(Dictionary<string, string?> settings, int index, string name, string secret, string[] roles, string[] markets)
        {
            settings[$"Api:Tokens:{index}:Name"] = name;
            settings[$"Api:Tokens:{index}:Secret"] = secret;
            for (var i = 0; i < roles.Length; i++)
            {
                settings[$"Api:Tokens:{index}:Roles:{i}"] = roles[i];
            }

            for (var i = 0; i < markets.Length; i++)
            {
                settings[$"Api:Tokens:{index}:Markets:{i}"] = markets[i];
            }
        }
    }
}
