using CrmSignalWorker.Storage.Lifecycle;

namespace CrmSignalWorker.UnitTests.Storage;

public sealed class RetentionWindowTests
{
    [Fact]
    public void For_TwentyFiveMonths_KeepsTheCurrentMonthAndTheTwentyFiveBefore()
    {
        var window = RetentionWindow.For(new DateOnly(2026, 3, 15), retentionMonths: 25, monthsAhead: 2);

        Assert.Equal(new DateOnly(2024, 2, 1), window.Cutoff);
        Assert.Equal([new DateOnly(2026, 3, 1), new DateOnly(2026, 4, 1), new DateOnly(2026, 5, 1)], window.Ahead);
        Assert.True(window.Keeps(new DateOnly(2024, 2, 1)));
        Assert.False(window.Keeps(new DateOnly(2024, 1, 1)));
    }

    [Fact]
    public void For_TheFirstOrLastDayOfAMonth_GivesTheSameWindow()
    {
        Assert.Equal(
            RetentionWindow.For(new DateOnly(2026, 12, 1), 3, 2).Cutoff,
            RetentionWindow.For(new DateOnly(2026, 12, 31), 3, 2).Cutoff);
        Assert.Equal(new DateOnly(2027, 2, 1), RetentionWindow.For(new DateOnly(2026, 12, 31), 3, 2).Ahead[^1]);
    }

    [Fact]
    public void PartitionName_IsTheTableAndTheMonth() =>
        Assert.Equal("workflow_event_2026_01", MonthPartitionedTable.WorkflowEvent.PartitionName(new DateOnly(2026, 1, 1)));
}
