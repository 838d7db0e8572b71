using System.Net;
using CrmSignalWorker.IntegrationTests.Infrastructure;
using CrmSignalWorker.Salesforce.PubSub;
using CrmSignalWorker.Simulator;
using Dapper;
using Npgsql;

namespace CrmSignalWorker.IntegrationTests.Http;

/// <summary>
/// /healthz, /readyz and /metrics of `crmsignal run` over loopback HTTP, with the worker pointed at a real Postgres,
/// Redis and the simulated org; dependencies are broken the way they break in production.
/// </summary>
public sealed class WorkerEndpointTests : IAsyncLifetime
{
    private const string Topic = "/data/OpportunityChangeEvent";
    private readonly PostgresDatabase _database = new();

    // Keep-alives every 200 ms: a quiet stream is confirmed current almost at once.
    private readonly SimulatedOrgOptions _orgOptions = new() { Seed = 7, Opportunities = 20, Leads = 10, Days = 5, KeepAliveInterval = TimeSpan.FromMilliseconds(200) };
    private SimulatedOrg _org = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _org = await SimulatedOrg.StartAsync(_orgOptions);
        await StoreQuietStreamCheckpointAsync();
    }

    public async Task DisposeAsync()
    {
        await _org.DisposeAsync();
        await _database.DisposeAsync();
    }

    /// <summary>
    /// The stream stands at the org's newest event, which committed two hours ago: only the keep-alive tells the
    /// worker that nothing newer exists, so readiness passing shows a quiet stream is not taken for a lagging one.
    /// </summary>
    private async Task StoreQuietStreamCheckpointAsync()
    {
        var tip = _org.PubSub.Events.Select(e => e.ReplayId).Concat(_org.PubSub.WorkflowEvents.Select(e => e.ReplayId)).MaxBy(id => ReplayId.ToUInt64(id))!;
        await using var connection = await _database.DataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            "INSERT INTO checkpoint (stream, watermark, replay_id, updated_at) VALUES (@Stream, now() - interval '2 hours', @ReplayId, now())",
            new { Stream = "cdc:" + Topic, ReplayId = tip });
    }

    private Dictionary<string, string?> Settings(Action<Dictionary<string, string?>>? configure = null)
    {
        var settings = WorkerHarness.BaseSettings(_database, _org, _orgOptions);
        settings["PubSub:Endpoint"] = _org.PubSubUrl.ToString();
        settings["PubSub:Topics:0"] = Topic;
        settings["PubSub:WorkflowEventTopic"] = "";
        settings["Salesforce:RetryBaseDelay"] = "00:00:00.010";
        settings["Metrics:GaugeRefreshInterval"] = "00:00:01";
        configure?.Invoke(settings);
        return settings;
    }

    [Fact]
    public async Task Healthz_AnswersOk()
    {
        await using var worker = await RunHost.StartAsync(Settings());

        var (status, body) = await worker.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("ok", body.Trim());
    }

    [Fact]
    public async Task Readyz_EverythingUp_Is200AndNamesEachPassingCheck()
    {
        await using var worker = await RunHost.StartAsync(Settings());

        var (status, _, checks) = await worker.WaitForReadinessAsync((s, _) => s == HttpStatusCode.OK);

        Assert.Equal(["postgres", "redis", "salesforce-auth", "stream-lag"], checks.Keys.Order(StringComparer.Ordinal));
        Assert.All(checks.Values, c => Assert.True(c.Passed, c.Text));
        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task Readyz_DatabaseGoneAway_Is503NamingPostgres()
    {
        var server = new NpgsqlConnectionStringBuilder(_database.ConnectionString);
        await using var relay = new TcpRelay(server.Host!, server.Port);
        var throughRelay = new NpgsqlConnectionStringBuilder(_database.ConnectionString) { Host = "127.0.0.1", Port = relay.Port, Timeout = 3 }.ConnectionString;
        await using var worker = await RunHost.StartAsync(Settings(s => s["Postgres:ConnectionString"] = throughRelay));
        await worker.WaitForReadinessAsync((_, c) => c["postgres"].Passed);

        await relay.CloseAsync();
        var (status, _, checks) = await worker.WaitForReadinessAsync((_, c) => !c["postgres"].Passed);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.NotEmpty(checks["postgres"].Text);
        Assert.True(checks["redis"].Passed, checks["redis"].Text);
    }

    [Fact]
    public async Task Readyz_CredentialsRefused_Is503NamingSalesforceAuth_WithoutTheSecret()
    {
        const string wrongSecret = "not-the-secret-4f2a9c";
        await using var worker = await RunHost.StartAsync(Settings(s => s["Salesforce:ClientSecret"] = wrongSecret));

        var (status, body, checks) = await worker.WaitForReadinessAsync((_, c) => !c["salesforce-auth"].Passed);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Contains("invalid_client", checks["salesforce-auth"].Text, StringComparison.Ordinal);
        Assert.True(checks["postgres"].Passed, checks["postgres"].Text);
        Assert.DoesNotContain(wrongSecret, body, StringComparison.Ordinal);
        Assert.DoesNotContain(wrongSecret, (await worker.GetAsync("/metrics")).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_ExposeCrmSignalSeries_IncludingTheGaugesReadFromPostgres()
    {
        await _database.ExecuteAsync(
            """
            INSERT INTO quarantine (source, source_key, reason, payload, received_at) VALUES ('pubsub', 'k-1', 'bad schema', '{}', now());
            INSERT INTO notification_outbox (idempotency_key, channel, destination, payload, next_attempt_at, created_at)
            VALUES ('metrics-test', 'email', 'ops@example.test', '{}', now() + interval '1 day', now() - interval '10 minutes');
            INSERT INTO stop_flag (automation, paused, reason, changed_by, changed_at) VALUES ('lead-router', true, 'test', 'tests', now());
            """);
        await using var worker = await RunHost.StartAsync(Settings());

        // History polls on start; its counter shows up once the first page is stored.
        var text = await worker.WaitForMetricsAsync(t =>
            PrometheusText.Value(t, "crmsignal_quarantine_open", "source=pubsub") == 1
            && PrometheusText.Value(t, "crmsignal_changes_ingested_total", "source=history") is > 0);

        Assert.Equal(1, PrometheusText.Value(text, "crmsignal_outbox_depth", "channel=email"));
        Assert.Equal(0, PrometheusText.Value(text, "crmsignal_outbox_depth", "channel=slack"));
        Assert.True(PrometheusText.Value(text, "crmsignal_outbox_oldest_age_seconds", "channel=email") >= 600);
        Assert.Equal(1, PrometheusText.Value(text, "crmsignal_flags_paused"));
        Assert.Equal(1, PrometheusText.Value(text, "crmsignal_flags_state", "automation=lead-router"));
        Assert.NotNull(PrometheusText.Value(text, "crmsignal_stream_current_lag_seconds", "topic=" + Topic));
        Assert.Equal(0, PrometheusText.Value(text, "crmsignal_salesforce_budget_paused", "reason=share_exceeded"));
        Assert.NotNull(PrometheusText.Value(text, "crmsignal_salesforce_api_used"));
        Assert.NotNull(PrometheusText.Value(text, "crmsignal_state_sample_age_seconds"));
        // The worker's pool is named plainly rather than after its connection string (server, database, user).
        // Pools of this test process show up in the same scrape, so the name is checked rather than the absence of others.
        Assert.NotNull(PrometheusText.Value(text, "db_client_connection_max", "db_client_connection_pool_name=crmsignal"));
    }

    [Fact]
    public async Task Metrics_GaugesFollowTheTables_AndReportZeroOnceRowsAreGone()
    {
        await _database.ExecuteAsync(
            "INSERT INTO stop_flag (automation, paused, reason, changed_by, changed_at) VALUES ('case-escalation', true, 'test', 'tests', now())");
        await using var worker = await RunHost.StartAsync(Settings());
        await worker.WaitForMetricsAsync(t => PrometheusText.Value(t, "crmsignal_flags_state", "automation=case-escalation") == 1);

        await _database.ExecuteAsync("UPDATE stop_flag SET paused = false WHERE automation = 'case-escalation'");
        var text = await worker.WaitForMetricsAsync(t => PrometheusText.Value(t, "crmsignal_flags_state", "automation=case-escalation") == 0);

        Assert.Equal(0, PrometheusText.Value(text, "crmsignal_flags_paused"));
    }
}
