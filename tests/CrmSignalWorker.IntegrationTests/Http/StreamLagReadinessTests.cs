using System.Net;
using CrmSignalWorker.IntegrationTests.Infrastructure;
using CrmSignalWorker.Salesforce.PubSub;
using CrmSignalWorker.Simulator;
using Dapper;

namespace CrmSignalWorker.IntegrationTests.Http;

/// <summary>A stream whose newest stored event is old and that hears no keep-alive is reported as lagging.</summary>
public sealed class StreamLagReadinessTests : IAsyncLifetime
{
    private const string Topic = "/data/OpportunityChangeEvent";
    private readonly PostgresDatabase _database = new();

    // No keep-alive within the test: the org stays silent, as a stuck stream is.
    private readonly SimulatedOrgOptions _orgOptions = new() { Seed = 8, Opportunities = 20, Leads = 10, Days = 5, KeepAliveInterval = TimeSpan.FromHours(1) };
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
    public async Task Readyz_StreamBehindWithoutKeepAlive_Is503NamingStreamLagAndTheTopic()
    {
        var tip = _org.PubSub.Events.Select(e => e.ReplayId).Concat(_org.PubSub.WorkflowEvents.Select(e => e.ReplayId)).MaxBy(id => ReplayId.ToUInt64(id))!;
        await using (var connection = await _database.DataSource.OpenConnectionAsync())
        {
            await connection.ExecuteAsync(
                "INSERT INTO checkpoint (stream, watermark, replay_id, updated_at) VALUES (@Stream, now() - interval '2 hours', @ReplayId, now())",
                new { Stream = "cdc:" + Topic, ReplayId = tip });
        }

        var settings = WorkerHarness.BaseSettings(_database, _org, _orgOptions);
        settings["PubSub:Endpoint"] = _org.PubSubUrl.ToString();
        settings["PubSub:Topics:0"] = Topic;
        settings["PubSub:Topics:1"] = "/data/LeadChangeEvent";
        settings["PubSub:WorkflowEventTopic"] = "";
        await using var worker = await RunHost.StartAsync(settings);

        // Wait until the stream has subscribed, so the reason is the one of a running but silent stream.
        var (status, _, checks) = await worker.WaitForReadinessAsync((_, c) => c["stream-lag"].Text.Contains("no keep-alive since", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.False(checks["stream-lag"].Passed);
        Assert.StartsWith(Topic + " is 2h 0m behind (limit 15m 0s)", checks["stream-lag"].Text, StringComparison.Ordinal);
        // The other stream has nothing stored and is measured from start-up: within the limit, so not named.
        Assert.DoesNotContain("LeadChangeEvent", checks["stream-lag"].Text, StringComparison.Ordinal);
        Assert.True(checks["postgres"].Passed && checks["salesforce-auth"].Passed, string.Join("; ", checks.Values));
    }
}
