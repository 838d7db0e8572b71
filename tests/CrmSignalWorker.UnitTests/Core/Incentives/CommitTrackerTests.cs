using System.Globalization;
using CrmSignalWorker.Core.Calendars;
using CrmSignalWorker.Core.Changes;
using CrmSignalWorker.Core.Incentives;
using CrmSignalWorker.Core.Milestones;

namespace CrmSignalWorker.UnitTests.Core.Incentives;

public sealed class CommitTrackerTests
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    // Fiscal year from February: FY2026-Q1 is February to April 2025, its final week from 24 April 00:00 EDT.
    private static readonly DateTimeOffset FinalWeek = At("2025-04-24T00:00:00-04:00");

    private static DateTimeOffset At(string instant) => DateTimeOffset.Parse(instant, CultureInfo.InvariantCulture);

    private static CommitTracker CreateSut() =>
        new(new FiscalCalendar(NewYork, 2, FiscalPeriodKind.Quarter), new CommitMilestone("Opportunity", "ForecastCategoryName", ["Commit"]));

    private static MilestoneInput Forecast(string at, string value, string recordId = "006A") => new(
        "Opportunity", recordId, At(at), "US", "ForecastCategoryName", value, null, "005B", ActorKind.Human, "AE", Channel.Ui, "tx-" + at);

    [Fact]
    public void Advance_EnteringCommitMidQuarter_EmitsEnteredCommitOnly()
    {
        var result = CreateSut().Advance([], [Forecast("2025-03-10T15:00:00Z", "Best Case"), Forecast("2025-03-12T15:00:00Z", "Commit")], scanLimit: null);

        var entered = Assert.Single(result.Events);
        Assert.Equal((WorkflowEventType.EnteredCommit, At("2025-03-12T15:00:00Z"), "FY2026-Q1", "005B"), (entered.EventType, entered.OccurredAt, entered.PeriodKey, entered.ActorId));
        Assert.Equal(At("2025-03-12T15:00:00Z"), Assert.Single(result.InCommit).EnteredAt);
    }

    [Fact]
    public void Advance_EnteringCommitDuringTheFinalWeek_EmitsBothAtThatWrite()
    {
        var result = CreateSut().Advance([], [Forecast("2025-04-28T15:00:00Z", "Commit")], scanLimit: null);

        Assert.Equal([WorkflowEventType.EnteredCommit, WorkflowEventType.PeriodFinalDays], result.Events.Select(e => e.EventType));
        Assert.Equal(("incentive:Opportunity:006A:final_days:FY2026-Q1", "005B"), (result.Events[1].Key, result.Events[1].ActorId));
        Assert.Equal(At("2025-05-01T00:00:00-04:00"), result.Events[1].PeriodEnd);
    }

    [Fact]
    public void Advance_InCommitWhenTheFinalWeekBegins_ScanEmitsItOnceAtTheBoundary()
    {
        var entered = CreateSut().Advance([], [Forecast("2025-03-12T15:00:00Z", "Commit")], null);

        var before = CreateSut().Advance(entered.InCommit, [], At("2025-04-23T23:00:00-04:00"));
        var after = CreateSut().Advance(entered.InCommit, [], At("2025-04-24T09:00:00-04:00"));
        var again = CreateSut().Advance(after.InCommit, [], At("2025-04-25T09:00:00-04:00"));

        Assert.Empty(before.Events);
        var finalWeek = Assert.Single(after.Events);
        Assert.Equal((WorkflowEventType.PeriodFinalDays, FinalWeek, ActorKind.System), (finalWeek.EventType, finalWeek.OccurredAt, finalWeek.ActorKind));
        Assert.Empty(again.Events);
    }

    [Fact]
    public void Advance_LeavingCommitDuringTheFinalWeekBeforeAScan_StillCountsItAsInCommitWhenItBegan()
    {
        var result = CreateSut().Advance([], [Forecast("2025-03-12T15:00:00Z", "Commit"), Forecast("2025-04-26T15:00:00Z", "Best Case")], null);

        Assert.Equal([WorkflowEventType.EnteredCommit, WorkflowEventType.PeriodFinalDays], result.Events.Select(e => e.EventType));
        Assert.Equal(FinalWeek, result.Events[1].OccurredAt);
        Assert.Empty(result.InCommit);
        Assert.Single(result.Left);
    }

    [Fact]
    public void Advance_LeavingCommitBeforeTheFinalWeek_GetsNoFinalWeekEvent()
    {
        var result = CreateSut().Advance([], [Forecast("2025-03-12T15:00:00Z", "Commit"), Forecast("2025-04-20T15:00:00Z", "Omitted")], At("2025-04-30T00:00:00Z"));

        Assert.Equal([WorkflowEventType.EnteredCommit], result.Events.Select(e => e.EventType));
    }

    [Fact]
    public void Advance_InCommitAcrossTwoQuarters_GetsEachFinalWeek()
    {
        var result = CreateSut().Advance([], [Forecast("2025-03-12T15:00:00Z", "Commit")], At("2025-08-01T00:00:00Z"));

        Assert.Equal(["FY2026-Q1", "FY2026-Q2"], result.Events.Where(e => e.EventType == WorkflowEventType.PeriodFinalDays).Select(e => e.PeriodKey));
        Assert.Equal(At("2025-07-25T00:00:00-04:00"), Assert.Single(result.InCommit).FinalDaysThrough);
    }

    [Fact]
    public void Advance_StageBasedMilestone_UsesTheConfiguredStages()
    {
        var sut = new CommitTracker(new FiscalCalendar(NewYork, 1, FiscalPeriodKind.Month), new CommitMilestone("Opportunity", "StageName", ["Negotiation", "Contract Sent"]));
        var input = Forecast("2025-03-12T15:00:00Z", "Contract Sent") with { Field = "StageName" };

        var entered = Assert.Single(sut.Advance([], [input], null).Events);

        Assert.Equal("FY2025-M03", entered.PeriodKey);
    }
}
