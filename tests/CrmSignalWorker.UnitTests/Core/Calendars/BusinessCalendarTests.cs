using System.Globalization;
using CrmSignalWorker.Core.Calendars;

namespace CrmSignalWorker.UnitTests.Core.Calendars;

public sealed class BusinessCalendarTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private static readonly BusinessHours NineToFive = new(new TimeOnly(9, 0), new TimeOnly(17, 0));

    private static readonly DayOfWeek[] EveryDay =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    internal static DateTimeOffset At(string instant) => DateTimeOffset.Parse(instant, CultureInfo.InvariantCulture);

    private static BusinessCalendar CreateSut(TimeZoneInfo zone, params string[] holidays) =>
        BusinessCalendar.Weekdays(zone, NineToFive, holidays.Select(h => DateOnly.Parse(h, CultureInfo.InvariantCulture)));

    [Fact]
    public void BusinessTimeBetween_WithinOneDay_CountsOpenHoursOnly()
    {
        // Monday 3 March 2025, 08:00 to 12:00 in Berlin (CET, +01:00): the hour before opening does not count.
        var elapsed = CreateSut(Berlin).BusinessTimeBetween(At("2025-03-03T08:00:00+01:00"), At("2025-03-03T12:00:00+01:00"));

        Assert.Equal(TimeSpan.FromHours(3), elapsed);
    }

    [Fact]
    public void BusinessTimeBetween_OverAWeekend_SkipsClosedDays()
    {
        var elapsed = CreateSut(Berlin).BusinessTimeBetween(At("2025-03-07T15:00:00+01:00"), At("2025-03-10T11:00:00+01:00"));

        Assert.Equal(TimeSpan.FromHours(4), elapsed);
    }

    [Fact]
    public void AddBusinessTime_OverBerlinSpringForward_FollowsTheOfficeClock()
    {
        // Friday 28 March 2025 15:00 CET; clocks go forward on Sunday 30 March; Monday opens at 09:00 CEST = 07:00Z.
        // 2 h on Friday and 2 h on Monday: due 11:00 CEST (09:00Z), not the 10:00Z a fixed UTC offset would give.
        var due = CreateSut(Berlin).AddBusinessTime(At("2025-03-28T15:00:00+01:00"), TimeSpan.FromHours(4));

        Assert.Equal(At("2025-03-31T09:00:00Z"), due);
    }

    [Fact]
    public void AddBusinessTime_OverNewYorkFallBack_FollowsTheOfficeClock()
    {
        // Friday 31 October 2025 15:00 EDT (19:00Z); clocks go back on Sunday 2 November; Monday 11:00 EST = 16:00Z.
        var due = CreateSut(NewYork).AddBusinessTime(At("2025-10-31T15:00:00-04:00"), TimeSpan.FromHours(4));

        Assert.Equal(At("2025-11-03T16:00:00Z"), due);
    }

    [Fact]
    public void BusinessTimeBetween_RoundTheClockOverSpringForward_IsOneHourShorter()
    {
        var sut = new BusinessCalendar(Berlin, BusinessCalendar.WorkWeek(EveryDay, BusinessHours.AllDay), []);

        var elapsed = sut.BusinessTimeBetween(At("2025-03-29T12:00:00+01:00"), At("2025-03-30T12:00:00+02:00"));

        Assert.Equal(TimeSpan.FromHours(23), elapsed);
    }

    [Fact]
    public void BusinessTimeBetween_RoundTheClockOverFallBack_IsOneHourLonger()
    {
        var sut = new BusinessCalendar(NewYork, BusinessCalendar.WorkWeek(EveryDay, BusinessHours.AllDay), []);

        var elapsed = sut.BusinessTimeBetween(At("2025-11-01T12:00:00-04:00"), At("2025-11-02T12:00:00-05:00"));

        Assert.Equal(TimeSpan.FromHours(25), elapsed);
        Assert.Equal(At("2025-11-02T12:00:00-05:00"), sut.AddBusinessTime(At("2025-11-01T12:00:00-04:00"), TimeSpan.FromHours(25)));
    }

    [Fact]
    public void AddBusinessTime_OverChristmasHolidays_SkipsThem()
    {
        // Wednesday 24 December 16:00; Thursday and Friday are holidays, then the weekend: Monday 29th 10:00 CET.
        var due = CreateSut(Berlin, "2025-12-25", "2025-12-26").AddBusinessTime(At("2025-12-24T16:00:00+01:00"), TimeSpan.FromHours(2));

        Assert.Equal(At("2025-12-29T10:00:00+01:00"), due);
    }

    [Fact]
    public void AddBusinessTime_UsingUpTheDayExactly_EndsAtClosingTime()
    {
        var due = CreateSut(Berlin).AddBusinessTime(At("2025-03-03T13:00:00+01:00"), TimeSpan.FromHours(4));

        Assert.Equal(At("2025-03-03T17:00:00+01:00"), due);
    }

    [Fact]
    public void AddBusinessTime_StartingOutsideHours_StartsCountingAtOpening()
    {
        var due = CreateSut(Berlin).AddBusinessTime(At("2025-03-08T22:00:00+01:00"), TimeSpan.FromMinutes(30));

        Assert.Equal(At("2025-03-10T09:30:00+01:00"), due);
    }

    [Fact]
    public void BusinessTimeBetween_HoursOpeningInTheSkippedHour_OpenWhenTheClockJumps()
    {
        // 02:30 does not exist in Berlin on 30 March 2025: the clock jumps from 02:00 to 03:00 CEST (01:00Z).
        var sut = new BusinessCalendar(Berlin, BusinessCalendar.WorkWeek([DayOfWeek.Sunday], new BusinessHours(new TimeOnly(2, 30), new TimeOnly(4, 0))), []);

        Assert.Equal(TimeSpan.FromHours(1), sut.BusinessTimeBetween(At("2025-03-30T00:00:00Z"), At("2025-03-30T06:00:00Z")));
        Assert.Equal(At("2025-03-30T01:00:00Z"), sut.AddBusinessTime(At("2025-03-29T12:00:00Z"), TimeSpan.FromTicks(1)) - TimeSpan.FromTicks(1));
    }

    [Theory]
    [InlineData("2025-03-27T10:00:00+01:00", 1)]
    [InlineData("2025-03-27T10:00:00+01:00", 30)]
    [InlineData("2025-10-30T16:59:00-04:00", 17)]
    public void AddBusinessTime_ThenBusinessTimeBetween_GivesTheAmountBack(string from, int hours)
    {
        var sut = CreateSut(Berlin, "2025-04-18");
        var start = At(from);

        var due = sut.AddBusinessTime(start, TimeSpan.FromHours(hours));

        Assert.Equal(TimeSpan.FromHours(hours), sut.BusinessTimeBetween(start, due));
    }

    [Fact]
    public void Constructor_WithoutWorkingDays_IsRefused() =>
        Assert.Throws<ArgumentException>(() => new BusinessCalendar(Berlin, new Dictionary<DayOfWeek, BusinessHours>(), []));
}
