using CrmSignalWorker.Core.Signals;

namespace CrmSignalWorker.UnitTests.Core.Signals;

public sealed class OwnerPingPongSignalTests
{
    private static readonly DateOnly Day = new(2026, 11, 20);
    private static readonly DateTimeOffset Noon = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    private static StageChangeObservation Handoff(string record, DateTimeOffset at, string segment = "EMEA") => new(record, segment, at);

    [Fact]
    public void SecondOwnerChangeWithinSevenDays_Offends_AndOnlyRecordsHandedOffThatDayCount()
    {
        StageChangeObservation[] changes =
        [
            Handoff("00Q1", Noon.AddDays(-6)), Handoff("00Q1", Noon), // back within 6 days: ping-pong
            Handoff("00Q2", Noon.AddDays(-8)), Handoff("00Q2", Noon), // 8 days apart: a normal re-assignment
            Handoff("00Q3", Noon.AddHours(2)),
            Handoff("00Q4", Noon.AddDays(-1)), Handoff("00Q4", Noon.AddDays(-2)), // nothing on the day: not counted
        ];

        var value = Assert.Single(OwnerPingPongSignal.Evaluate(changes, Day, 0.05m));

        Assert.Equal(SignalNames.OwnerPingPong, value.Signal);
        Assert.Equal((1, 3), (value.Numerator, value.Denominator));
        Assert.Equal(["00Q1"], value.OffendingRecordIds);
        Assert.True(value.Breached);
    }

    [Fact]
    public void ExactlySevenDaysApart_StillOffends_AndSegmentsAreSeparate()
    {
        StageChangeObservation[] changes =
        [
            Handoff("006A", Noon.AddDays(-7)), Handoff("006A", Noon),
            Handoff("006B", Noon, "NA"),
        ];

        var values = OwnerPingPongSignal.Evaluate(changes, Day, 0.5m);

        Assert.Equal(["EMEA", "NA"], values.Select(v => v.Segment));
        Assert.Equal(1, values[0].Numerator);
        Assert.Equal(0, values[1].Numerator);
        Assert.False(values[1].Breached);
    }
}
