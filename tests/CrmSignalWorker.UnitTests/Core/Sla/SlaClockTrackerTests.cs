using CrmSignalWorker.Core.Changes;
using CrmSignalWorker.Core.Milestones;
using CrmSignalWorker.Core.Sla;
using static CrmSignalWorker.UnitTests.Core.Calendars.BusinessCalendarTests;
using static CrmSignalWorker.UnitTests.Core.Sla.SlaTestData;

namespace CrmSignalWorker.UnitTests.Core.Sla;

public sealed class SlaClockTrackerTests
{
    private static readonly Dictionary<string, string> NoLeadSources = [];

    private static SlaClockTracker CreateSut() => new(Policies());

    [Fact]
    public void Advance_StatusEntersAndLeavesTheState_StartsAndStopsOneClock()
    {
        var result = CreateSut().Advance(
            [],
            [Write("00Q1", "2025-03-03T11:00:00+01:00", "Status", "Working - Contacted"), Write("00Q1", "2025-03-03T10:00:00+01:00", "Status", Open)],
            NoLeadSources,
            breachLimit: null);

        Assert.Equal([WorkflowEventType.SlaStarted, WorkflowEventType.SlaStopped], result.Events.Select(e => e.EventType));
        Assert.Equal("sla:lead-first-touch:Lead:00Q1:1740992400000:started:1740992400000", result.Events[0].Key);
        Assert.Equal(("005A", ActorKind.Human, "tx-2025-03-03T11:00:00+01:00"), (result.Events[1].ActorId, result.Events[1].ActorKind, result.Events[1].CorrelationId));
        Assert.Equal(TimeSpan.FromHours(1), result.Events[1].Sla!.Elapsed);
        Assert.Empty(result.Open);
        Assert.Single(result.Closed);
    }

    [Fact]
    public void Advance_PauseStateThenBack_PausesAndResumes()
    {
        var result = CreateSut().Advance(
            [],
            [
                Write("00Q1", "2025-03-03T10:00:00+01:00", "Status", Open),
                Write("00Q1", "2025-03-03T11:00:00+01:00", "Status", OnHold),
                Write("00Q1", "2025-03-04T09:30:00+01:00", "Status", Open),
            ],
            NoLeadSources,
            breachLimit: null);

        Assert.Equal([WorkflowEventType.SlaStarted, WorkflowEventType.SlaPaused, WorkflowEventType.SlaResumed], result.Events.Select(e => e.EventType));
        var open = Assert.Single(result.Open);
        Assert.Equal((SlaClockStatus.Running, At("2025-03-04T12:30:00+01:00")), (open.Status, open.DueAt));
    }

    [Theory]
    [InlineData("FirstContactedAt__c", "2025-03-03T10:20:00Z")]
    [InlineData("deleted", null)]
    public void Advance_StopRuleFieldOrDeletion_StopsTheClock(string field, string? value)
    {
        var result = CreateSut().Advance(
            [], [Write("00Q1", "2025-03-03T10:00:00+01:00", "Status", Open), Write("00Q1", "2025-03-03T10:30:00+01:00", field, value)], NoLeadSources, null);

        Assert.Equal(WorkflowEventType.SlaStopped, result.Events[^1].EventType);
    }

    [Fact]
    public void Advance_ConfiguredActivity_StopsTheClock()
    {
        var result = CreateSut().Advance(
            [], [Write("00Q1", "2025-03-03T10:00:00+01:00", "Status", Open), Step("00Q1", "2025-03-03T10:05:00+01:00", WorkflowEventType.Notification)], NoLeadSources, null);

        Assert.Equal([WorkflowEventType.SlaStarted, WorkflowEventType.SlaStopped], result.Events.Select(e => e.EventType));
        Assert.Equal(ActorKind.Automation, result.Events[1].ActorKind);
    }

    [Fact]
    public void Advance_CreationThenTheSameStatusFromCdc_StartsOneClock()
    {
        var result = CreateSut().Advance(
            [],
            [Write("00Q1", "2025-03-03T10:00:00+01:00", MilestoneInput.CreatedField, null), Write("00Q1", "2025-03-03T10:00:00+01:00", "Status", Open)],
            NoLeadSources,
            null);

        Assert.Equal([WorkflowEventType.SlaStarted], result.Events.Select(e => e.EventType));
    }

    [Fact]
    public void Advance_LeadSourceOfARecord_SelectsItsPolicy()
    {
        var web = FirstTouch with { Name = "web-first-touch", LeadSource = "Web", Target = TimeSpan.FromHours(1) };
        var sut = new SlaClockTracker(Policies(FirstTouch, web));

        var result = sut.Advance([], [Write("00Q1", "2025-03-03T10:00:00+01:00", "Status", Open)], new Dictionary<string, string> { ["00Q1"] = "Web" }, null);

        Assert.Equal("web-first-touch", Assert.Single(result.Open).Policy);
    }

    [Fact]
    public void Advance_NoWriteAfterTheDueInstant_BreachesFromTheScanOnly()
    {
        var started = CreateSut().Advance([], [Write("00Q1", "2025-03-03T10:00:00+01:00", "Status", Open)], NoLeadSources, null);

        var early = CreateSut().Advance(started.Open, [], NoLeadSources, At("2025-03-03T13:59:00+01:00"));
        var late = CreateSut().Advance(started.Open, [], NoLeadSources, At("2025-03-03T14:05:00+01:00"));

        Assert.Empty(early.Events);
        var breach = Assert.Single(late.Events);
        Assert.Equal((WorkflowEventType.SlaBreach, At("2025-03-03T14:00:00+01:00"), ActorKind.System, SlaClockState.Breached), (breach.EventType, breach.OccurredAt, breach.ActorKind, breach.Sla!.State));
        Assert.Equal("sla:lead-first-touch:Lead:00Q1:1740992400000", breach.CorrelationId);
        Assert.Empty(CreateSut().Advance(late.Open, [], NoLeadSources, At("2025-03-04T14:05:00+01:00")).Events);
    }

    [Fact]
    public void Advance_SameInputsTwice_GivesTheSameEventKeys()
    {
        MilestoneInput[] inputs = [Write("00Q1", "2025-03-03T10:00:00+01:00", "Status", Open), Write("00Q1", "2025-03-03T16:00:00+01:00", "Status", "Qualified")];

        var first = CreateSut().Advance([], inputs, NoLeadSources, null).Events.Select(e => e.Key);
        var second = CreateSut().Advance([], inputs.Reverse(), NoLeadSources, null).Events.Select(e => e.Key);

        Assert.Equal(3, first.Count());
        Assert.Equal(first, second);
    }

    [Fact]
    public void Advance_ClockOfAPolicyNoLongerConfigured_IsClosedAsOrphan()
    {
        var orphan = new SlaClockSnapshot("retired", "Lead", "00Q9", "DACH", At("2025-03-03T10:00:00Z"), SlaClockStatus.Running, TimeSpan.Zero, At("2025-03-03T10:00:00Z"), null, null);

        var result = CreateSut().Advance([orphan], [], NoLeadSources, At("2025-04-01T00:00:00Z"));

        Assert.Equal(1, result.Orphaned);
        Assert.Empty(result.Events);
        Assert.Equal(orphan, Assert.Single(result.Closed));
    }
}
