using CrmSignalWorker.Core.Changes;
using CrmSignalWorker.Core.Sla;
using static CrmSignalWorker.UnitTests.Core.Calendars.BusinessCalendarTests;

namespace CrmSignalWorker.UnitTests.Core.Sla;

public sealed class SlaClockTests
{
    [Fact]
    public void Start_DuringBusinessHours_IsRunningWithTheWholeTargetLeft()
    {
        var clock = SlaClock.Start(SlaTestData.FirstTouch, SlaTestData.BerlinOffice, "Lead", "00Q1", "DACH", At("2025-03-03T10:00:00+01:00"), out var started);

        Assert.Equal(WorkflowEventType.SlaStarted, started.Kind);
        Assert.Equal(new SlaReading("lead-first-touch", SlaClockState.Running, TimeSpan.Zero, TimeSpan.FromHours(4), At("2025-03-03T14:00:00+01:00")), started.Reading);
        Assert.Equal(At("2025-03-03T14:00:00+01:00"), clock.DueAt);
    }

    [Fact]
    public void PauseAndResume_OverNight_MoveTheDueInstantByThePause()
    {
        var clock = SlaTestData.Started("2025-03-03T10:00:00+01:00");

        var paused = Assert.Single(clock.Pause(At("2025-03-03T12:00:00+01:00")));
        var resumed = Assert.Single(clock.Resume(At("2025-03-04T10:00:00+01:00")));

        Assert.Equal((SlaClockState.Paused, TimeSpan.FromHours(2), TimeSpan.FromHours(2), (DateTimeOffset?)null), (paused.Reading.State, paused.Reading.Elapsed, paused.Reading.Remaining, paused.Reading.DueAt));
        Assert.Equal(At("2025-03-04T12:00:00+01:00"), resumed.Reading.DueAt);
        Assert.Empty(clock.BreachIfDue(At("2025-03-04T11:59:59+01:00")));
    }

    [Fact]
    public void BreachIfDue_WhenTheTargetRunsOut_BreachesAtTheDueInstantOnce()
    {
        var clock = SlaTestData.Started("2025-03-03T15:00:00+01:00");

        var breach = Assert.Single(clock.BreachIfDue(At("2025-03-05T09:00:00+01:00")));

        Assert.Equal(WorkflowEventType.SlaBreach, breach.Kind);
        Assert.Equal(At("2025-03-04T11:00:00+01:00"), breach.At);
        Assert.Equal((SlaClockState.Breached, TimeSpan.FromHours(4), TimeSpan.Zero), (breach.Reading.State, breach.Reading.Elapsed, breach.Reading.Remaining));
        Assert.Empty(clock.BreachIfDue(At("2025-03-06T09:00:00+01:00")));
    }

    [Fact]
    public void Stop_BeforeTheDueInstant_ReportsElapsedAndRemaining()
    {
        var clock = SlaTestData.Started("2025-03-03T10:00:00+01:00");

        var stopped = Assert.Single(clock.Stop(At("2025-03-03T12:30:00+01:00")));

        Assert.Equal((SlaClockState.Stopped, TimeSpan.FromHours(2.5), TimeSpan.FromHours(1.5)), (stopped.Reading.State, stopped.Reading.Elapsed, stopped.Reading.Remaining));
        Assert.False(clock.IsOpen);
    }

    [Fact]
    public void Stop_AfterTheDueInstant_FirstBreachesAtTheDueInstantThenStopsOverdue()
    {
        var clock = SlaTestData.Started("2025-03-03T10:00:00+01:00");

        var events = clock.Stop(At("2025-03-03T16:00:00+01:00"));

        Assert.Equal([WorkflowEventType.SlaBreach, WorkflowEventType.SlaStopped], events.Select(e => e.Kind));
        Assert.Equal(At("2025-03-03T14:00:00+01:00"), events[0].At);
        Assert.Equal(TimeSpan.FromHours(6), events[1].Reading.Elapsed);
    }

    [Fact]
    public void Stop_ExactlyAtTheDueInstant_IsNotABreach() =>
        Assert.Equal([WorkflowEventType.SlaStopped], SlaTestData.Started("2025-03-03T10:00:00+01:00").Stop(At("2025-03-03T14:00:00+01:00")).Select(e => e.Kind));

    [Fact]
    public void Pause_DatedBeforeTheLastTransition_TakesEffectAtIt()
    {
        var clock = SlaTestData.Started("2025-03-03T10:00:00+01:00");

        var paused = Assert.Single(clock.Pause(At("2025-03-03T09:00:00+01:00")));

        Assert.Equal((At("2025-03-03T10:00:00+01:00"), TimeSpan.Zero), (paused.At, paused.Reading.Elapsed));
    }

    [Fact]
    public void DueAt_AcrossBerlinSpringForwardAndAHoliday_CountsOfficeHours()
    {
        // Thursday 17 April 2025 15:00 CEST; Good Friday is a holiday: 2 h Thursday, then Monday 21st from 09:00 CEST.
        Assert.Equal(At("2025-04-21T11:00:00+02:00"), SlaTestData.Started("2025-04-17T15:00:00+02:00").DueAt);
        // Friday 28 March 15:00 CET, the weekend of the change: Monday 31st 11:00 CEST.
        Assert.Equal(At("2025-03-31T09:00:00Z"), SlaTestData.Started("2025-03-28T15:00:00+01:00").DueAt);
    }

    [Fact]
    public void Snapshot_RestoredClock_ContinuesWhereItWas()
    {
        var clock = SlaTestData.Started("2025-03-03T10:00:00+01:00");
        clock.Pause(At("2025-03-03T11:00:00+01:00"));

        var restored = new SlaClock(SlaTestData.FirstTouch, SlaTestData.BerlinOffice, clock.Snapshot());
        var resumed = Assert.Single(restored.Resume(At("2025-03-03T13:00:00+01:00")));

        Assert.Equal(At("2025-03-03T16:00:00+01:00"), resumed.Reading.DueAt);
        Assert.Equal(clock.Id, restored.Id);
    }
}
