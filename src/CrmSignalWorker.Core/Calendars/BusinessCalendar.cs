namespace CrmSignalWorker.Core.Calendars;

/// <summary>
/// A market's working time: weekly hours and holidays on the wall clock of its IANA time zone. Measures business
/// time between instants and finds the instant at which an amount of business time has elapsed. Each day's hours
/// are turned into instants through the zone, so a daylight-saving change moves them with the office, and a day
/// whose hours span the change (a round-the-clock calendar) is an hour shorter or longer.
/// </summary>
public sealed class BusinessCalendar
{
    /// <summary>How far a search for business time goes before it concludes the calendar has none (every day a holiday).</summary>
    private const int MaxDaysSearched = 3 * 366;

    private readonly IReadOnlyDictionary<DayOfWeek, BusinessHours> _week;
    private readonly HashSet<DateOnly> _holidays;

    /// <param name="week">Hours per working day; days not named are closed.</param>
    /// <param name="holidays">Local dates on which the office is closed whatever the weekday.</param>
    public BusinessCalendar(TimeZoneInfo timeZone, IReadOnlyDictionary<DayOfWeek, BusinessHours> week, IEnumerable<DateOnly> holidays)
    {
        ArgumentNullException.ThrowIfNull(timeZone);
        ArgumentNullException.ThrowIfNull(week);
        ArgumentNullException.ThrowIfNull(holidays);
        if (week.Count == 0 || week.Values.Any(h => !h.IsValid))
        {
            throw new ArgumentException("A business calendar needs at least one working day, each opening before it closes.", nameof(week));
        }

        TimeZone = timeZone;
        _week = week;
        _holidays = [.. holidays];
    }

    public TimeZoneInfo TimeZone { get; }

    /// <summary>Monday to Friday with the same hours each day.</summary>
    public static BusinessCalendar Weekdays(TimeZoneInfo timeZone, BusinessHours hours, IEnumerable<DateOnly>? holidays = null)
    {
        ArgumentNullException.ThrowIfNull(hours);
        return new(timeZone, WorkWeek([DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday], hours), holidays ?? []);
    }

    /// <summary>The same hours on each of <paramref name="days"/>.</summary>
    public static IReadOnlyDictionary<DayOfWeek, BusinessHours> WorkWeek(IEnumerable<DayOfWeek> days, BusinessHours hours) =>
        days.Distinct().ToDictionary(d => d, _ => hours);

    public bool IsHoliday(DateOnly date) => _holidays.Contains(date);

    /// <summary>Business time from <paramref name="from"/> to <paramref name="to"/>; zero when <paramref name="to"/> is not later.</summary>
    public TimeSpan BusinessTimeBetween(DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from)
        {
            return TimeSpan.Zero;
        }

        var total = TimeSpan.Zero;
        var last = WallClock.DateOf(to, TimeZone);
        // A day's hours can begin the evening before in UTC terms; starting one day early never misses an overlap.
        for (var day = WallClock.DateOf(from, TimeZone).AddDays(-1); day <= last; day = day.AddDays(1))
        {
            if (OpenHoursOf(day) is not { } hours)
            {
                continue;
            }

            var start = hours.Start > from ? hours.Start : from;
            var end = hours.End < to ? hours.End : to;
            if (end > start)
            {
                total += end - start;
            }
        }

        return total;
    }

    /// <summary>
    /// The instant at which <paramref name="amount"/> of business time has elapsed since <paramref name="from"/>. Time
    /// ending exactly at a closing time ends there, not at the next opening.
    /// </summary>
    /// <exception cref="InvalidOperationException">The calendar has no business time within three years (every day a holiday).</exception>
    public DateTimeOffset AddBusinessTime(DateTimeOffset from, TimeSpan amount)
    {
        if (amount <= TimeSpan.Zero)
        {
            return from;
        }

        var left = amount;
        var first = WallClock.DateOf(from, TimeZone).AddDays(-1);
        for (var day = first; day.DayNumber - first.DayNumber <= MaxDaysSearched; day = day.AddDays(1))
        {
            if (OpenHoursOf(day) is not { } hours || hours.End <= from)
            {
                continue;
            }

            var start = hours.Start > from ? hours.Start : from;
            var available = hours.End - start;
            if (left <= available)
            {
                return start + left;
            }

            left -= available;
        }

        throw new InvalidOperationException($"The business calendar of {TimeZone.Id} has no business time in the {MaxDaysSearched} days after {from:O}.");
    }

    /// <summary>The instants a local day's business hours span, or null on a closed day.</summary>
    private (DateTimeOffset Start, DateTimeOffset End)? OpenHoursOf(DateOnly day)
    {
        if (_holidays.Contains(day) || !_week.TryGetValue(day.DayOfWeek, out var hours))
        {
            return null;
        }

        var start = WallClock.ToInstant(day.ToDateTime(hours.Open), TimeZone);
        var end = hours.ClosesAtMidnight
            ? WallClock.ToInstant(day.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeZone)
            : WallClock.ToInstant(day.ToDateTime(hours.Close), TimeZone);
        return end > start ? (start, end) : null;
    }
}
