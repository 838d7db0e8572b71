using System.Globalization;
using CrmSignalWorker.Core.Calendars;

namespace CrmSignalWorker.UnitTests.Core.Calendars;

public sealed class FiscalCalendarTests
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    private static DateTimeOffset At(string instant) => DateTimeOffset.Parse(instant, CultureInfo.InvariantCulture);

    private static DateOnly Day(string day) => DateOnly.Parse(day, CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2025-03-15", "FY2026-Q1", "2025-02-01", "2025-04-30")]
    [InlineData("2025-05-01", "FY2026-Q2", "2025-05-01", "2025-07-31")]
    [InlineData("2026-01-10", "FY2026-Q4", "2025-11-01", "2026-01-31")]
    [InlineData("2026-02-01", "FY2027-Q1", "2026-02-01", "2026-04-30")]
    public void PeriodOfDay_FebruaryFiscalYear_GivesFiscalQuartersNamedByEndingYear(string day, string key, string first, string last)
    {
        var period = new FiscalCalendar(NewYork, 2, FiscalPeriodKind.Quarter).PeriodOfDay(Day(day))!;

        Assert.Equal((key, Day(first), Day(last)), (period.Key, period.FirstDay, period.LastDay));
    }

    [Fact]
    public void PeriodOfDay_NamedByStartingYear_UsesTheYearItStarts()
    {
        var period = new FiscalCalendar(NewYork, 2, FiscalPeriodKind.Quarter, FiscalYearLabel.StartingYear).PeriodOfDay(Day("2026-01-10"))!;

        Assert.Equal("FY2025-Q4", period.Key);
    }

    [Fact]
    public void PeriodOfDay_CalendarFiscalYearInMonths_GivesTheMonth()
    {
        var period = new FiscalCalendar(NewYork, 1, FiscalPeriodKind.Month).PeriodOfDay(Day("2025-02-14"))!;

        Assert.Equal(("FY2025-M02", Day("2025-02-01"), Day("2025-02-28")), (period.Key, period.FirstDay, period.LastDay));
    }

    [Fact]
    public void PeriodOf_Quarter_BoundsAreLocalMidnightsAndTheFinalWeekIsItsLastSevenDays()
    {
        var period = new FiscalCalendar(NewYork, 2, FiscalPeriodKind.Quarter).PeriodOf(At("2025-03-15T12:00:00Z"))!;

        Assert.Equal(At("2025-02-01T00:00:00-05:00"), period.Start);
        Assert.Equal(At("2025-05-01T00:00:00-04:00"), period.End);
        Assert.Equal(At("2025-04-24T00:00:00-04:00"), period.FinalDaysStart);
        Assert.True(period.InFinalDays(At("2025-04-30T23:59:00-04:00")));
        Assert.False(period.InFinalDays(At("2025-04-23T23:59:00-04:00")));
    }

    [Fact]
    public void PeriodOf_CustomPeriods_ReplaceTheStandardOnesAndLeaveGapsUncovered()
    {
        var sut = new FiscalCalendar(
            NewYork, 1, FiscalPeriodKind.Custom, customPeriods: [new CustomPeriod("P1-445", Day("2025-01-01"), Day("2025-01-28")), new CustomPeriod("Spring push", Day("2025-03-10"), Day("2025-03-21"))], finalDays: 3);

        var push = sut.PeriodOf(At("2025-03-12T15:00:00Z"))!;

        Assert.Equal("Spring push", push.Key);
        Assert.Equal(At("2025-03-19T00:00:00-04:00"), push.FinalDaysStart);
        Assert.Null(sut.PeriodOf(At("2025-02-10T15:00:00Z")));
        Assert.Equal(
            ["P1-445", "Spring push"],
            sut.FinalDaysStartingBetween(At("2024-12-31T00:00:00Z"), At("2025-12-31T00:00:00Z")).Select(p => p.Key));
    }

    [Fact]
    public void FinalDaysStartingBetween_OverTwoQuarters_ListsEachOnce()
    {
        var sut = new FiscalCalendar(NewYork, 2, FiscalPeriodKind.Quarter);

        var periods = sut.FinalDaysStartingBetween(At("2025-04-24T04:00:00Z"), At("2025-10-30T00:00:00Z")).Select(p => p.Key);

        // The Q1 final week began exactly at the lower bound, which is excluded.
        Assert.Equal(["FY2026-Q2", "FY2026-Q3"], periods);
    }

    [Fact]
    public void Constructor_OverlappingCustomPeriods_AreRefused() => Assert.Throws<ArgumentException>(() => new FiscalCalendar(
        NewYork, 1, FiscalPeriodKind.Custom, customPeriods: [new CustomPeriod("A", Day("2025-01-01"), Day("2025-01-31")), new CustomPeriod("B", Day("2025-01-31"), Day("2025-02-28"))]));
}
