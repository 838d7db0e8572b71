using CrmSignalWorker.Core.Signals;

namespace CrmSignalWorker.UnitTests.Core.Signals;

public sealed class SameDayStageJumpSignalTests
{
    private static readonly DateOnly Day = new(2026, 11, 10);

    private static StageChangeObservation Change(string record, string at, string segment = "NA") =>
        new(record, segment, DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void Evaluate_OneOfThreeRecordsChangesTwiceInADay_IsOneThird()
    {
        var values = SameDayStageJumpSignal.Evaluate(
        [
            Change("006A", "2026-11-10T09:00:00Z"),
            Change("006A", "2026-11-10T15:00:00Z"),
            Change("006B", "2026-11-10T10:00:00Z"),
            Change("006C", "2026-11-10T11:00:00Z"),
        ], Day, 0.05m);

        var value = Assert.Single(values);
        Assert.Equal((1, 3), (value.Numerator, value.Denominator));
        Assert.Equal(0.3333m, value.Value);
        Assert.Equal(["006A"], value.OffendingRecordIds);
        Assert.True(value.Breached);
    }

    [Fact]
    public void Evaluate_TwoChangesAcrossMidnightWithin24Hours_CountsOnTheDayOfTheSecond()
    {
        StageChangeObservation[] changes = [Change("006A", "2026-11-09T22:00:00Z"), Change("006A", "2026-11-10T03:00:00Z")];

        var onDay = Assert.Single(SameDayStageJumpSignal.Evaluate(changes, Day, 0.05m));
        var dayBefore = Assert.Single(SameDayStageJumpSignal.Evaluate(changes, Day.AddDays(-1), 0.05m));

        Assert.Equal(1, onDay.Numerator);
        Assert.Equal(0, dayBefore.Numerator);
    }

    [Fact]
    public void Evaluate_ChangesMoreThan24HoursApart_AreNotAJump()
    {
        var value = Assert.Single(SameDayStageJumpSignal.Evaluate(
            [Change("006A", "2026-11-09T08:00:00Z"), Change("006A", "2026-11-10T08:00:01Z")], Day, 0.05m));

        Assert.Equal((0, 1), (value.Numerator, value.Denominator));
        Assert.False(value.Breached);
    }

    [Fact]
    public void Evaluate_TwoChangesInTheSameSecond_AreAJump()
    {
        var value = Assert.Single(SameDayStageJumpSignal.Evaluate(
            [Change("006A", "2026-11-10T08:00:00Z"), Change("006A", "2026-11-10T08:00:00Z")], Day, 0.05m));

        Assert.Equal(1, value.Numerator);
    }

    [Fact]
    public void Evaluate_Segments_AreCountedApart()
    {
        var values = SameDayStageJumpSignal.Evaluate(
        [
            Change("006A", "2026-11-10T09:00:00Z", "EMEA"),
            Change("006A", "2026-11-10T10:00:00Z", "EMEA"),
            Change("006B", "2026-11-10T09:00:00Z", "NA"),
        ], Day, 0.05m);

        Assert.Equal(["EMEA", "NA"], values.Select(v => v.Segment));
        Assert.Equal([1, 0], values.Select(v => v.Numerator));
    }

    [Fact]
    public void Evaluate_ValueEqualToThreshold_DoesNotBreach()
    {
        var changes = new List<StageChangeObservation> { Change("006A", "2026-11-10T09:00:00Z"), Change("006A", "2026-11-10T10:00:00Z") };
        for (var i = 0; i < 19; i++)
        {
            changes.Add(Change($"006N{i:00}", "2026-11-10T12:00:00Z"));
        }

        var value = Assert.Single(SameDayStageJumpSignal.Evaluate(changes, Day, 0.05m));

        Assert.Equal(0.05m, value.Value);
        Assert.False(value.Breached);
    }

    [Fact]
    public void Evaluate_RecordsWithoutAChangeThatDay_AreNotInTheDenominator()
    {
        var values = SameDayStageJumpSignal.Evaluate(
            [Change("006A", "2026-11-09T09:00:00Z"), Change("006B", "2026-11-11T09:00:00Z")], Day, 0.05m);

        Assert.Empty(values);
    }
}
