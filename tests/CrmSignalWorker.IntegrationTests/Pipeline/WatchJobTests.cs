using CrmSignalWorker.IntegrationTests.Infrastructure;
using CrmSignalWorker.Simulator;
using CrmSignalWorker.Watch;

namespace CrmSignalWorker.IntegrationTests.Pipeline;

/// <summary>The worker alerts about itself through the same outbox as everything else, once per condition and period.</summary>
public sealed class WatchJobTests : IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();
    private readonly SimulatedOrgOptions _orgOptions = new() { Seed = 3, Opportunities = 10, Leads = 5, Days = 3, Accounts = 0 };
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
    public async Task QuarantineSpikeAndFailingReceiver_RaiseOneAlertEach_AndCheckingAgainSendsNothingTwice()
    {
        var settings = WorkerHarness.BaseSettings(_database, _org, _orgOptions);
        settings["OperatorAlerts:EmailTo:0"] = "oncall@example.test";
        settings["Watch:QuarantineSpike"] = "3";
        using var worker = WorkerHarness.Create(settings);
        var now = worker.Time.GetUtcNow();
        await _database.ExecuteAsync(
            $$"""
            INSERT INTO quarantine (source, source_key, reason, payload, received_at)
            SELECT 'pubsub', 'k' || g, 'truncated', '{}', '{{now.UtcDateTime:O}}'::timestamptz FROM generate_series(1, 4) g;
            INSERT INTO notification_outbox (idempotency_key, channel, destination, payload, attempts, next_attempt_at, last_error, created_at)
            SELECT 'digest:' || g, 'slack', 'default', '{}', 2, now(), '503 Service Unavailable', now() FROM generate_series(1, 3) g;
            """);

        await worker.Get<WatchJob>().RunOnceAsync(CancellationToken.None);
        await worker.Get<WatchJob>().RunOnceAsync(CancellationToken.None);

        Assert.Equal(1, await _database.CountAsync("notification_outbox", "idempotency_key LIKE 'alert:watch:quarantine:%'"));
        Assert.Equal(1, await _database.CountAsync("notification_outbox", "idempotency_key LIKE 'alert:watch:receiver:slack:%' AND channel = 'email'"));
        Assert.Equal(1, await _database.CountAsync("notification_outbox", "payload->>'Subject' LIKE '%4 payloads quarantined%'"));
    }
}
