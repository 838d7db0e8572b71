namespace CrmSignalWorker.Core.Calendars;

/// <summary>The hours of one working day on the wall clock; a <see cref="Close"/> of midnight means the end of the day.</summary>
public sealed record BusinessHours(TimeOnly Open, TimeOnly Close)
{
    /// <summary>The whole day: a calendar for clocks that run around the clock but still skip holidays.</summary>
    public static BusinessHours AllDay { get; } = new(TimeOnly.MinValue, TimeOnly.MinValue);

    public bool ClosesAtMidnight => Close == TimeOnly.MinValue;

    /// <summary>Whether the day has any hours: open before it closes, or closing at midnight.</summary>
    public bool IsValid => ClosesAtMidnight || Close > Open;
}
