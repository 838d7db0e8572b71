using CrmSignalWorker.IntegrationTests.Infrastructure;
using CrmSignalWorker.Milestones;
using static CrmSignalWorker.IntegrationTests.Milestones.StoredWrites;

namespace CrmSignalWorker.IntegrationTests.Milestones;

/// <summary>Incentive milestones derived from stored writes, against a real database.</summary>
public sealed class IncentivePeriodJobTests : IAsyncLifetime
{
    // Fiscal year from February in New York: FY2026-Q1 is February to April 2025, its last 7 days from 24 April 00:00 EDT.
    private static readonly DateTimeOffset FinalWeek = At("2025-04-24T00:00:00-04:00");

    private readonly PostgresDatabase _database = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    private WorkerHarness CreateWorker(DateTimeOffset now)
    {
        var settings = Settings(_database);
        settings["Incentives:TimeZone"] = "America/New_York";
        settings["Incentives:FiscalYearStartMonth"] = "2";
        return WorkerHarness.Create(settings, now);
    }

    [Fact]
    public async Task RunOnceAsync_CommitBeforeAndDuringTheFinalWeek_StoresEnteredCommitAndFinalWeekOnce()
    {
        using var worker = CreateWorker(At("2025-04-10T12:00:00Z"));
        await StoreAsync(worker, Write("Opportunity", "006A", "ForecastCategoryName", "Commit", At("2025-03-12T15:00:00Z"), "US"));
        await worker.Job<IncentivePeriodJob>().RunOnceAsync(CancellationToken.None);
        Assert.Equal(1, await _database.CountAsync("workflow_event", "event_type = 'entered_commit' AND record_id = '006A' AND incentive_period = 'FY2026-Q1'"));
        Assert.Equal(0, await _database.CountAsync("workflow_event", "event_type = 'period_final_days'"));

        // The final week begins without any write; a deal enters commit during it.
        worker.Time.SetUtcNow(At("2025-04-26T12:00:00Z"));
        await StoreAsync(worker, Write("Opportunity", "006B", "ForecastCategoryName", "Commit", At("2025-04-25T15:00:00Z"), "US"));
        await worker.Job<IncentivePeriodJob>().RunOnceAsync(CancellationToken.None);
        await worker.Job<IncentivePeriodJob>().RunOnceAsync(CancellationToken.None);

        Assert.Equal(
            1,
            await _database.CountAsync(
                "workflow_event",
                $"event_type = 'period_final_days' AND record_id = '006A' AND occurred_at = '{FinalWeek.UtcDateTime:O}' AND actor_kind = 'system' "
                + $"AND incentive_period_end = '{At("2025-05-01T04:00:00Z").UtcDateTime:O}'"));
        Assert.Equal(1, await _database.CountAsync("workflow_event", "event_type = 'period_final_days' AND record_id = '006B' AND actor_id = '005SDR'"));
        Assert.Equal(4, await _database.CountAsync("workflow_event")); // entered commit and final week, for each deal
        Assert.Equal(2, await _database.CountAsync("commit_state", $"final_days_through = '{FinalWeek.UtcDateTime:O}'"));

        // A restarted worker finds nothing new.
        using var restarted = CreateWorker(At("2025-04-27T12:00:00Z"));
        await restarted.Job<IncentivePeriodJob>().RunOnceAsync(CancellationToken.None);
        Assert.Equal(4, await _database.CountAsync("workflow_event"));
    }
}
