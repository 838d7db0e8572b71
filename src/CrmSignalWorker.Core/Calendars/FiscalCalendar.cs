using System.Globalization;

namespace CrmSignalWorker.Core.Calendars;

/// <summary>
/// The company's incentive periods on the wall clock of its time zone: fiscal months or quarters counted from the
/// fiscal year's start month, or explicit custom periods (which replace the standard ones, so a 4-4-5 calendar or a
/// sales push is expressed as its days). Each period knows when its final days begin.
/// </summary>
public sealed class FiscalCalendar
{
    private readonly List<CustomPeriod> _custom;

    /// <param name="finalDays">The length of a period's final stretch in days (7: the last week).</param>
    public FiscalCalendar(
        TimeZoneInfo timeZone,
        int fiscalYearStartMonth,
        FiscalPeriodKind kind,
        FiscalYearLabel label = FiscalYearLabel.EndingYear,
        IEnumerable<CustomPeriod>? customPeriods = null,
        int finalDays = 7)
    {
        ArgumentNullException.ThrowIfNull(timeZone);
        ArgumentOutOfRangeException.ThrowIfLessThan(fiscalYearStartMonth, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fiscalYearStartMonth, 12);
        ArgumentOutOfRangeException.ThrowIfLessThan(finalDays, 1);
        TimeZone = timeZone;
        FiscalYearStartMonth = fiscalYearStartMonth;
        Kind = kind;
        Label = label;
        FinalDays = finalDays;
        _custom = (customPeriods ?? []).OrderBy(p => p.FirstDay).ToList();
        if (kind == FiscalPeriodKind.Custom && _custom.Count == 0)
        {
            throw new ArgumentException("A custom fiscal calendar needs at least one period.", nameof(customPeriods));
        }

        if (_custom.Any(p => p.LastDay < p.FirstDay) || _custom.Zip(_custom.Skip(1)).Any(pair => pair.Second.FirstDay <= pair.First.LastDay))
        {
            throw new ArgumentException("Custom periods must each end on or after their first day and must not overlap.", nameof(customPeriods));
        }
    }

    public TimeZoneInfo TimeZone { get; }

    public int FiscalYearStartMonth { get; }

    public FiscalPeriodKind Kind { get; }

    public FiscalYearLabel Label { get; }

    public int FinalDays { get; }

    /// <summary>The period holding <paramref name="instant"/>, or null when custom periods leave it uncovered.</summary>
    public FiscalPeriod? PeriodOf(DateTimeOffset instant) => PeriodOfDay(WallClock.DateOf(instant, TimeZone));

    /// <summary>The periods whose final days begin in (<paramref name="after"/>, <paramref name="until"/>], in order.</summary>
    public IEnumerable<FiscalPeriod> FinalDaysStartingBetween(DateTimeOffset after, DateTimeOffset until)
    {
        if (until <= after)
        {
            yield break;
        }

        var period = PeriodOf(after) ?? NextPeriodAfter(WallClock.DateOf(after, TimeZone));
        while (period is not null && period.FinalDaysStart <= until)
        {
            if (period.FinalDaysStart > after)
            {
                yield return period;
            }

            period = NextPeriodAfter(period.LastDay);
        }
    }

    /// <summary>The most recent start of a period's final days at or before <paramref name="until"/> within the last year and a month, or null.</summary>
    public DateTimeOffset? LatestFinalDaysStart(DateTimeOffset until) =>
        FinalDaysStartingBetween(until - TimeSpan.FromDays(400), until).LastOrDefault()?.FinalDaysStart;

    /// <summary>The period holding a local day, or null when custom periods leave it uncovered.</summary>
    public FiscalPeriod? PeriodOfDay(DateOnly day)
    {
        if (Kind == FiscalPeriodKind.Custom)
        {
            return _custom.FirstOrDefault(p => p.FirstDay <= day && day <= p.LastDay) is { } custom ? Build(custom.Name, custom.FirstDay, custom.LastDay) : null;
        }

        var yearStart = new DateOnly(day.Month >= FiscalYearStartMonth ? day.Year : day.Year - 1, FiscalYearStartMonth, 1);
        var monthIndex = ((day.Year - yearStart.Year) * 12) + day.Month - yearStart.Month;
        var fiscalYear = Label == FiscalYearLabel.StartingYear || FiscalYearStartMonth == 1 ? yearStart.Year : yearStart.Year + 1;
        if (Kind == FiscalPeriodKind.Month)
        {
            var first = yearStart.AddMonths(monthIndex);
            return Build(string.Create(CultureInfo.InvariantCulture, $"FY{fiscalYear}-M{monthIndex + 1:00}"), first, first.AddMonths(1).AddDays(-1));
        }

        var quarter = monthIndex / 3;
        var quarterStart = yearStart.AddMonths(quarter * 3);
        return Build(string.Create(CultureInfo.InvariantCulture, $"FY{fiscalYear}-Q{quarter + 1}"), quarterStart, quarterStart.AddMonths(3).AddDays(-1));
    }

    private FiscalPeriod? NextPeriodAfter(DateOnly day)
    {
        if (Kind == FiscalPeriodKind.Custom)
        {
            return _custom.FirstOrDefault(p => p.FirstDay > day) is { } next ? Build(next.Name, next.FirstDay, next.LastDay) : null;
        }

        return PeriodOfDay(PeriodOfDay(day)!.LastDay.AddDays(1));
    }

    private FiscalPeriod Build(string key, DateOnly first, DateOnly last)
    {
        var finalFirst = last.AddDays(1 - FinalDays);
        return new FiscalPeriod(
            key,
            first,
            last,
            Midnight(first),
            Midnight(last.AddDays(1)),
            Midnight(finalFirst < first ? first : finalFirst));
    }

    private DateTimeOffset Midnight(DateOnly day) => WallClock.ToInstant(day.ToDateTime(TimeOnly.MinValue), TimeZone);
}
