using CrmSignalWorker.Core.Trace;

namespace CrmSignalWorker.UnitTests.Core.Trace;

public sealed class RecordTimelineTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static TimelineEntry Write(long id, int minute) =>
        new(TimelineEntryKind.FieldWrite, id, T0.AddMinutes(minute), "Opportunity", "005A", "human", "AE", "ui", null, "tx", null, "EMEA") { Field = "StageName" };

    private static TimelineEntry Event(long id, int minute) =>
        new(TimelineEntryKind.WorkflowEvent, id, T0.AddMinutes(minute), "Opportunity", null, "automation", null, "automation", null, "tx", "flow-1", "EMEA") { EventType = "handoff" };

    [Fact]
    public void Merge_TwoKinds_InTimeOrderWithTheStepBeforeTheWritesOfItsInstant()
    {
        var timeline = RecordTimeline.Merge("006A", null, [Write(2, 5), Write(1, 0), Write(3, 5)], [Event(7, 5), Event(6, 1)], limit: 10);

        Assert.Equal(
            [(TimelineEntryKind.FieldWrite, 1L), (TimelineEntryKind.WorkflowEvent, 6L), (TimelineEntryKind.WorkflowEvent, 7L), (TimelineEntryKind.FieldWrite, 2L), (TimelineEntryKind.FieldWrite, 3L)],
            timeline.Entries.Select(e => (e.Kind, e.Id)));
        Assert.False(timeline.Truncated);
        Assert.False(timeline.IsEmpty);
    }

    [Fact]
    public void Merge_MoreThanTheLimit_KeepsTheEarliestAndSaysSo()
    {
        var timeline = RecordTimeline.Merge("006A", null, [Write(1, 0), Write(2, 2), Write(3, 4)], [Event(4, 1)], limit: 3);

        Assert.Equal([1L, 4L, 2L], timeline.Entries.Select(e => e.Id));
        Assert.True(timeline.Truncated);
    }

    [Fact]
    public void IsEmpty_NoRecordAndNoEntries_True() =>
        Assert.True(RecordTimeline.Merge("006A", null, [], [], limit: 5).IsEmpty);

    [Fact]
    public void IsEmpty_RecordWithoutEntries_False() =>
        Assert.False(RecordTimeline.Merge("006A", new TracedRecord("006A", "Opportunity", "Acme", null, "EMEA", T0), [], [], limit: 5).IsEmpty);
}
