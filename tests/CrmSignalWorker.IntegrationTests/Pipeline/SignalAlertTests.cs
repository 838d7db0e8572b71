using CrmSignalWorker.Alerts;
using CrmSignalWorker.Core.Alerts;
using CrmSignalWorker.Core.Signals;
using CrmSignalWorker.Delivery;
using CrmSignalWorker.IntegrationTests.Infrastructure;
using CrmSignalWorker.Storage.Alerts;
using CrmSignalWorker.Storage.Signals;

namespace CrmSignalWorker.IntegrationTests.Pipeline;

/// <summary>
/// Stored signal values through the alert policy to Slack: one message per change people should hear about, none
/// twice across a restart, quiet while silenced, and a resolved notice when the signal falls back.
/// </summary>
public sealed class SignalAlertTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Morning = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = DateOnly.FromDateTime(Morning.UtcDateTime);
    private readonly PostgresDatabase _database = new();
    private WebhookReceiver _slack = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _slack = await WebhookReceiver.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _slack.DisposeAsync();
        await _database.DisposeAsync();
    }

    private WorkerHarness Worker(DateTimeOffset now) => WorkerHarness.Create(
        new Dictionary<string, string?>
        {
            ["Postgres:ConnectionString"] = _database.ConnectionString,
            ["Redis:Configuration"] = TestEnvironment.RedisConfiguration,
            ["Salesforce:LoginUrl"] = "https://example.my.salesforce.com",
            ["Salesforce:ClientId"] = "client",
            ["Salesforce:ClientSecret"] = "secret",
            ["Slack:WebhookUrl"] = _slack.Url.ToString(),
            ["Alerts:RepeatInterval"] = "04:00:00",
        },
        now);

    private static async Task StoreTodayAsync(WorkerHarness worker, int emeaJumps)
    {
        SignalValue[] values =
        [
            new(SignalNames.SameDayStageJumps, Today, "EMEA", emeaJumps, 100, 0.05m, Enumerable.Range(1, emeaJumps).Select(i => $"006EMEA{i:D3}").ToList()),
            new(SignalNames.SameDayStageJumps, Today, "NA", 1, 100, 0.05m, ["006NA001"]),
        ];
        await worker.Get<SignalStore>().ReplaceAsync(SignalNames.SameDayStageJumps, Today, Today, values, worker.Time.GetUtcNow(), CancellationToken.None);
    }

    private static async Task CheckAndSendAsync(WorkerHarness worker)
    {
        await worker.Get<SignalAlertJob>().RunOnceAsync(CancellationToken.None);
        await worker.Get<OutboxDispatcher>().RunOnceAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Lifecycle_OpensRepeatsAndResolves_SendingEachChangeOnce_AcrossARestart()
    {
        using (var worker = Worker(Morning))
        {
            await StoreTodayAsync(worker, emeaJumps: 9);
            await CheckAndSendAsync(worker);
            worker.Time.Advance(TimeSpan.FromHours(1));
            await CheckAndSendAsync(worker);
        }

        Assert.Single(_slack.Bodies);
        Assert.Contains("Same-day multi-stage jumps in EMEA at 9.0", _slack.Bodies.Single(), StringComparison.Ordinal);
        Assert.Contains("006EMEA001", _slack.Bodies.Single(), StringComparison.Ordinal);

        // A restart repeats the check: the open alert is in Postgres, so nothing is sent again before the interval.
        using (var restarted = Worker(Morning.AddHours(2)))
        {
            await CheckAndSendAsync(restarted);
            Assert.Single(_slack.Bodies);

            restarted.Time.Advance(TimeSpan.FromHours(3));
            await CheckAndSendAsync(restarted);
            Assert.Equal(2, _slack.Bodies.Count);
            Assert.Contains("Still firing", _slack.Bodies.Last(), StringComparison.Ordinal);

            await StoreTodayAsync(restarted, emeaJumps: 2);
            await CheckAndSendAsync(restarted);
            await CheckAndSendAsync(restarted);
        }

        Assert.Equal(3, _slack.Bodies.Count);
        Assert.Contains("Resolved", _slack.Bodies.Last(), StringComparison.Ordinal);
        Assert.Equal(1, await _database.CountAsync("alert", "status = 'resolved' AND notifications = 3"));
        Assert.Equal(0, await _database.CountAsync("alert", "status <> 'resolved'"));
    }

    [Fact]
    public async Task Silenced_AlertIsStoredButNotSent_AndTheSilenceIsAudited()
    {
        using var worker = Worker(Morning);
        await worker.Get<AlertStore>().AddSilenceAsync(
            new Silence("sil-1", SignalNames.SameDayStageJumps, "EMEA", null, "ana.ops", "territory re-assignment today", Morning, Morning.AddHours(24)),
            CancellationToken.None);
        await StoreTodayAsync(worker, emeaJumps: 9);

        await CheckAndSendAsync(worker);

        Assert.Empty(_slack.Bodies);
        Assert.Equal(1, await _database.CountAsync("alert", "status = 'firing' AND silenced_by = 'sil-1'"));
        Assert.Equal(1, await _database.CountAsync("audit_log", "kind = 'silence.added' AND actor = 'ana.ops'"));
    }

    [Fact]
    public async Task Acknowledged_AlertIsNotRepeated()
    {
        using var worker = Worker(Morning);
        await StoreTodayAsync(worker, emeaJumps: 9);
        await CheckAndSendAsync(worker);

        Assert.True(await worker.Get<AlertStore>().AcknowledgeAsync($"{SignalNames.SameDayStageJumps}|EMEA|*", "ben.ops", worker.Time.GetUtcNow(), CancellationToken.None));
        worker.Time.Advance(TimeSpan.FromHours(5));
        await CheckAndSendAsync(worker);

        Assert.Single(_slack.Bodies);
        Assert.Equal(1, await _database.CountAsync("audit_log", "kind = 'alert.acknowledged' AND actor = 'ben.ops'"));
    }
}
