using System.Globalization;
using CrmSignalWorker.IntegrationTests.Infrastructure;
using CrmSignalWorker.Simulator;
using CrmSignalWorker.Simulator.PubSub;
using CrmSignalWorker.Storage.Leases;
using Dapper;

namespace CrmSignalWorker.IntegrationTests.Replicas;

/// <summary>
/// Three `crmsignal run` processes against one Postgres and the simulated org, as three pods would run: one streams
/// each channel, one leads the schedule, and killing the streaming one mid-stream loses no change and doubles none.
/// </summary>
public sealed class ReplicaFailoverTests : IAsyncLifetime
{
    private const string Topic = "/data/OpportunityChangeEvent";
    private readonly PostgresDatabase _database = new();
    private readonly SimulatedOrgOptions _orgOptions = new() { Seed = 13, Opportunities = 40, Leads = 20, Days = 5, Accounts = 0 };
    private readonly List<WorkerProcess> _replicas = [];
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _output = new();
    private SimulatedOrg _org = null!;
    private WebhookReceiver _slack = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _org = await SimulatedOrg.StartAsync(_orgOptions);
        _slack = await WebhookReceiver.StartAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var replica in _replicas)
        {
            await replica.DisposeAsync();
        }

        await _slack.DisposeAsync();
        await _org.DisposeAsync();
        await _database.DisposeAsync();
    }

    private WorkerProcess StartReplica()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Postgres__ConnectionString"] = _database.ConnectionString,
            ["Redis__Configuration"] = TestEnvironment.RedisConfiguration,
            ["Redis__KeyPrefix"] = "crmsignal-replicas-" + _database.ConnectionString.GetHashCode(StringComparison.Ordinal).ToString("x", CultureInfo.InvariantCulture) + ":",
            ["Salesforce__LoginUrl"] = _org.BaseUrl.ToString(),
            ["Salesforce__ClientId"] = _orgOptions.ClientId,
            ["Salesforce__ClientSecret"] = _orgOptions.ClientSecret,
            ["Attribution__MarketField"] = "Market__c",
            ["Attribution__RecordMarketField"] = "Market__c",
            ["History__InitialBackfill"] = $"{_orgOptions.Days + 5}.00:00:00",
            ["History__Overlap"] = "00:00:00",
            ["PubSub__Endpoint"] = _org.PubSubUrl.ToString(),
            ["PubSub__Topics__0"] = Topic,
            ["PubSub__WorkflowEventTopic"] = "",
            ["Leases__Ttl"] = "00:00:02",
            ["Leases__RenewInterval"] = "00:00:00.500",
            ["Slack__WebhookUrl"] = _slack.Url.ToString(),
            ["Digest__SendAt"] = "00:00",
            ["Digest__CheckInterval"] = "00:00:05",
            ["Outbox__PollInterval"] = "00:00:00.500",
            ["Smtp__Host"] = "127.0.0.1",
            ["Smtp__Port"] = "1",
            ["Smtp__Security"] = "None",
            ["Smtp__From"] = "crmsignal@example.test",
            ["Http__Port"] = "0",
        };
        var replica = WorkerProcess.Start(settings, _output);
        _replicas.Add(replica);
        return replica;
    }

    private async Task WaitForAsync(Func<Task<bool>> condition, string what)
    {
        // Real processes on real time: wait for the outcome, never assert on how long it took.
        for (var i = 0; i < 600; i++)
        {
            if (await condition())
            {
                return;
            }

            Assert.DoesNotContain(_replicas, r => r.HasExited && r.ExitCode != 0 && r.ExitCode != 137 && r.ExitCode != -1);
            await Task.Delay(100);
        }

        Assert.Fail($"timed out waiting for {what}; replica output:\n{string.Join('\n', _output.TakeLast(60))}");
    }

    private byte[] PublishStageChange(int i) => _org.PubSub.PublishChange(new ChangeEventSpec
    {
        Entity = "Opportunity",
        RecordIds = [_org.Scenario.Opportunities[i % _org.Scenario.Opportunities.Count].Id],
        Fields = new Dictionary<string, object?> { ["StageName"] = "Stage " + i.ToString(CultureInfo.InvariantCulture) },
        CommitUser = _org.Scenario.JumpingActorId,
    });

    [Fact]
    public async Task ThreeReplicas_KillTheStreamingOne_EveryChangeStoredOnce_AndTheDigestSentOnce()
    {
        var tip = _org.PubSub.Events[^1].ReplayId;
        await using (var connection = await _database.DataSource.OpenConnectionAsync())
        {
            await connection.ExecuteAsync(
                "INSERT INTO checkpoint (stream, watermark, replay_id, updated_at) VALUES (@stream, now(), @tip, now())",
                new { stream = "cdc:" + Topic, tip });
        }

        for (var i = 0; i < 3; i++)
        {
            StartReplica();
        }

        var leases = new LeaseStore(_database.DataSource);
        string? holder = null;
        await WaitForAsync(async () => (holder = await leases.HolderAsync("stream:" + Topic, CancellationToken.None)) is not null, "a replica to lease the stream");

        const int Before = 25;
        const int After = 25;
        for (var i = 0; i < Before; i++)
        {
            PublishStageChange(i);
        }

        await WaitForAsync(async () => await _database.CountAsync("field_change", "source = 'cdc'") >= 10, "the first changes to be stored");

        // Kill the replica that streams, mid-stream, the way a node failure would: no clean shutdown, no lease release.
        var pid = int.Parse(holder!.Split(':')[1], CultureInfo.InvariantCulture);
        await _replicas.Single(r => r.Id == pid).KillAsync();
        byte[] last = [];
        for (var i = Before; i < Before + After; i++)
        {
            last = PublishStageChange(i);
        }

        await WaitForAsync(
            async () => await leases.HolderAsync("stream:" + Topic, CancellationToken.None) is { } next && next != holder,
            "another replica to take the stream over");
        await WaitForAsync(
            async () => await _database.CountAsync("checkpoint", $"stream = 'cdc:{Topic}' AND replay_id = '\\x{Convert.ToHexStringLower(last)}'::bytea") == 1,
            "every change to be stored");

        Assert.Equal(Before + After, await _database.CountAsync("field_change", "source = 'cdc'"));
        Assert.Equal(Before + After, await _database.CountAsync("(SELECT DISTINCT new_value FROM field_change WHERE source = 'cdc') v"));

        // The scheduled digest: composed by the leader, sent by whichever replica claims it, and only once.
        await WaitForAsync(() => Task.FromResult(_slack.Bodies.Count >= 1), "the digest");
        await WaitForAsync(async () => await _database.CountAsync("notification_outbox", "status = 'sent'") >= 1, "the digest to be recorded as sent");
        // Every surviving replica runs the dispatcher many times over while this waits; none may send it again.
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Single(_slack.Bodies);
        Assert.Equal(1, await _database.CountAsync("notification_outbox", "idempotency_key LIKE 'digest:%' AND status = 'sent' AND attempts = 1"));
    }

    [Fact]
    public async Task Sigterm_MidStream_CommitsWhatWasReceived_AndTheNextStartStoresTheRestOnce()
    {
        var tip = _org.PubSub.Events[^1].ReplayId;
        await using (var connection = await _database.DataSource.OpenConnectionAsync())
        {
            await connection.ExecuteAsync(
                "INSERT INTO checkpoint (stream, watermark, replay_id, updated_at) VALUES (@stream, now(), @tip, now())",
                new { stream = "cdc:" + Topic, tip });
        }

        var worker = StartReplica();
        var leases = new LeaseStore(_database.DataSource);
        await WaitForAsync(async () => await leases.HolderAsync("stream:" + Topic, CancellationToken.None) is not null, "the worker to lease the stream");
        const int Total = 400;
        byte[] last = [];
        for (var i = 0; i < Total; i++)
        {
            last = PublishStageChange(i);
            if (i == Total / 2)
            {
                await WaitForAsync(async () => await _database.CountAsync("field_change", "source = 'cdc'") > 0, "the stream to be flowing");
                // Kubernetes stops the pod while events are still arriving.
                await worker.TerminateAsync(TimeSpan.FromSeconds(60));
            }
        }

        Assert.Equal(0, worker.ExitCode);
        // Whatever was stored is exactly what the stored replay id covers: no row beyond it, none missing before it.
        var stored = await _database.CountAsync("field_change", "source = 'cdc'");
        await using (var connection = await _database.DataSource.OpenConnectionAsync())
        {
            var position = await connection.QuerySingleAsync<byte[]>("SELECT replay_id FROM checkpoint WHERE stream = @stream", new { stream = "cdc:" + Topic });
            var covered = _org.PubSub.Events.Count(e => ReplayIdValue(e.ReplayId) > ReplayIdValue(tip) && ReplayIdValue(e.ReplayId) <= ReplayIdValue(position));
            Assert.Equal(covered, stored);
        }

        // A clean stop hands the lease back at once.
        Assert.Null(await leases.HolderAsync("stream:" + Topic, CancellationToken.None));

        StartReplica();
        await WaitForAsync(
            async () => await _database.CountAsync("checkpoint", $"stream = 'cdc:{Topic}' AND replay_id = '\\x{Convert.ToHexStringLower(last)}'::bytea") == 1,
            "the restarted worker to store the rest");
        Assert.Equal(Total, await _database.CountAsync("field_change", "source = 'cdc'"));
    }

    private static ulong ReplayIdValue(byte[] replayId) => System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(replayId);
}
