using System.Text.Json;
using CrmSignalWorker.Delivery;
using CrmSignalWorker.Digests;
using CrmSignalWorker.IntegrationTests.Infrastructure;
using CrmSignalWorker.Simulator;
using CrmSignalWorker.Sources;
using Dapper;

namespace CrmSignalWorker.IntegrationTests.Pipeline;

/// <summary>Signal → digest → outbox → a real webhook receiver on loopback, through outages and restarts.</summary>
public sealed class DigestDeliveryTests : IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();
    private readonly SimulatedOrgOptions _orgOptions = new() { Seed = 11, Opportunities = 160, Leads = 40 };
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
        await _slack.DisposeAsync();
        await _org.DisposeAsync();
        await _database.DisposeAsync();
    }

    private WorkerHarness CreateWorker(DateTimeOffset? now = null)
    {
        var settings = WorkerHarness.BaseSettings(_database, _org, _orgOptions);
        settings["Digest:Slack"] = "true";
        settings["Slack:WebhookUrl"] = _slack.Url.ToString();
        return WorkerHarness.Create(settings, now);
    }

    private DateOnly LastDay => _org.Scenario.EndDate.AddDays(-1);

    private async Task<WorkerHarness> PolledWorkerAsync()
    {
        var worker = CreateWorker();
        await worker.Get<HistorySync>().RunOnceAsync(CancellationToken.None);
        return worker;
    }

    [Fact]
    public async Task ComposeAndDispatch_OverTheScenario_PostsOneDigestNamingEveryJumpingRecord()
    {
        using var worker = await PolledWorkerAsync();

        await worker.Get<DigestComposer>().ComposeAsync(_org.Scenario.FirstDay, LastDay, CancellationToken.None);
        await worker.Get<OutboxDispatcher>().RunOnceAsync(CancellationToken.None);

        var body = Assert.Single(_slack.Bodies);
        using var json = JsonDocument.Parse(body);
        Assert.True(json.RootElement.TryGetProperty("blocks", out var blocks) && blocks.GetArrayLength() > 0);
        foreach (var id in _org.Scenario.StageJumpOpportunityIds)
        {
            Assert.Contains(id, body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Dispatch_WhenTheReceiverIsDown_RetriesWithBackoffAndDeliversOnce()
    {
        using var worker = await PolledWorkerAsync();
        await worker.Get<DigestComposer>().ComposeAsync(LastDay, LastDay, CancellationToken.None);
        var dispatcher = worker.Get<OutboxDispatcher>();
        _slack.FailNext(2);

        await dispatcher.RunOnceAsync(CancellationToken.None);
        Assert.Empty(_slack.Bodies);
        var first = await PendingAsync();
        Assert.Equal(1, first.Attempts);
        Assert.Contains("503", first.LastError, StringComparison.Ordinal);
        Assert.DoesNotContain(_slack.Url.AbsolutePath, first.LastError, StringComparison.Ordinal);

        // Not due yet: nothing is sent before the backoff has passed.
        await dispatcher.RunOnceAsync(CancellationToken.None);
        Assert.Equal(1, (await PendingAsync()).Attempts);

        worker.Time.Advance(TimeSpan.FromMinutes(1));
        await dispatcher.RunOnceAsync(CancellationToken.None);
        Assert.Equal(2, (await PendingAsync()).Attempts);

        worker.Time.Advance(TimeSpan.FromMinutes(2));
        await dispatcher.RunOnceAsync(CancellationToken.None);

        Assert.Single(_slack.Bodies);
        Assert.Equal(2, _slack.FailedRequests);
        Assert.Equal(1, await _database.CountAsync("notification_outbox", "status = 'sent' AND attempts = 3"));
    }

    [Fact]
    public async Task ComposeAndDispatch_AfterARestart_SendsNothingTwice()
    {
        using (var before = await PolledWorkerAsync())
        {
            await before.Get<DigestComposer>().ComposeAsync(LastDay, LastDay, CancellationToken.None);
            await before.Get<OutboxDispatcher>().RunOnceAsync(CancellationToken.None);
        }

        using var after = CreateWorker();
        await after.Get<DigestComposer>().ComposeAsync(LastDay, LastDay, CancellationToken.None);
        await after.Get<OutboxDispatcher>().RunOnceAsync(CancellationToken.None);

        Assert.Single(_slack.Bodies);
        Assert.Equal(1, await _database.CountAsync("notification_outbox"));
    }

    [Fact]
    public async Task RunOnceAsync_BeforeTheLocalSendTime_QueuesNothing_AndAfterItQueuesYesterday()
    {
        var settings = WorkerHarness.BaseSettings(_database, _org, _orgOptions);
        settings["Digest:Slack"] = "true";
        settings["Slack:WebhookUrl"] = _slack.Url.ToString();
        settings["Digest:TimeZone"] = "Europe/Berlin";
        settings["Digest:SendAt"] = "08:00";
        // 06:30 UTC is 07:30 in Berlin in November (UTC+1).
        using var worker = WorkerHarness.Create(settings, new DateTimeOffset(2026, 11, 23, 6, 30, 0, TimeSpan.Zero));
        await worker.Get<HistorySync>().RunOnceAsync(CancellationToken.None);
        var composer = worker.Get<DigestComposer>();

        await composer.RunOnceAsync(CancellationToken.None);
        Assert.Equal(0, await _database.CountAsync("notification_outbox"));

        worker.Time.Advance(TimeSpan.FromMinutes(45));
        await composer.RunOnceAsync(CancellationToken.None);
        await composer.RunOnceAsync(CancellationToken.None);

        await using var connection = await _database.DataSource.OpenConnectionAsync();
        var key = Assert.Single(await connection.QueryAsync<string>("SELECT idempotency_key FROM notification_outbox"));
        Assert.Equal("digest:RevOps:2026-11-22:2026-11-22:slack", key);
    }

    [Fact]
    public async Task RunOnceAsync_BeforeHistoryIsReadPastThePeriodEnd_WaitsInsteadOfSendingItShort()
    {
        var settings = WorkerHarness.BaseSettings(_database, _org, _orgOptions);
        settings["Digest:Slack"] = "true";
        settings["Slack:WebhookUrl"] = _slack.Url.ToString();
        settings["History:Overlap"] = "00:10:00";
        // The last poll ran at 00:05 UTC: with a 10-minute overlap, history is complete only to 23:55 yesterday.
        using var worker = WorkerHarness.Create(settings, new DateTimeOffset(2026, 11, 23, 0, 5, 0, TimeSpan.Zero));
        await worker.Get<HistorySync>().RunOnceAsync(CancellationToken.None);
        worker.Time.Advance(TimeSpan.FromHours(8));
        var composer = worker.Get<DigestComposer>();

        await composer.RunOnceAsync(CancellationToken.None);
        Assert.Equal(0, await _database.CountAsync("notification_outbox"));

        await worker.Get<HistorySync>().RunOnceAsync(CancellationToken.None);
        await composer.RunOnceAsync(CancellationToken.None);
        Assert.Equal(1, await _database.CountAsync("notification_outbox"));
    }

    [Fact]
    public async Task Dispatch_WhenTheWebhookIsGone_ParksTheMessageAsFailedWithoutRetrying()
    {
        using var worker = await PolledWorkerAsync();
        await worker.Get<DigestComposer>().ComposeAsync(LastDay, LastDay, CancellationToken.None);
        _slack.FailNext(5, 404);

        await worker.Get<OutboxDispatcher>().RunOnceAsync(CancellationToken.None);
        worker.Time.Advance(TimeSpan.FromHours(1));
        await worker.Get<OutboxDispatcher>().RunOnceAsync(CancellationToken.None);

        Assert.Equal(1, _slack.FailedRequests);
        Assert.Equal(1, await _database.CountAsync("notification_outbox", "status = 'failed'"));
    }

    [Fact]
    public async Task Dispatch_WhenOneRowCannotBeSent_BacksItOffAndDeliversTheRowsBehindIt()
    {
        using var worker = await PolledWorkerAsync();
        // A row no sender can handle (no Slack body) sits at the head of the queue.
        await worker.Get<CrmSignalWorker.Storage.Outbox.OutboxStore>().EnqueueAsync(
            new CrmSignalWorker.Storage.Outbox.OutboxItem("broken:1", DigestComposer.SlackChannel, DigestComposer.DefaultSlackRoute, "{}"), CancellationToken.None);
        await worker.Get<DigestComposer>().ComposeAsync(LastDay, LastDay, CancellationToken.None);

        await worker.Get<OutboxDispatcher>().RunOnceAsync(CancellationToken.None);

        Assert.Single(_slack.Bodies);
        var stuck = await PendingAsync();
        Assert.Equal(1, stuck.Attempts);
        Assert.StartsWith("unexpected", stuck.LastError, StringComparison.Ordinal);
    }

    private async Task<(int Attempts, string LastError)> PendingAsync()
    {
        await using var connection = await _database.DataSource.OpenConnectionAsync();
        return await connection.QuerySingleAsync<(int, string)>("SELECT attempts, last_error FROM notification_outbox WHERE status = 'pending'");
    }
}
