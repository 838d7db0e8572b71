using CrmSignalWorker.Core.Calendars;

namespace CrmSignalWorker.Milestones;

/// <summary>A market's working time: <c>SlaClocks:Calendars:&lt;market&gt;</c>, or <c>SlaClocks:Calendars:Default</c> for every other market.</summary>
public sealed class BusinessCalendarOptions
{
    /// <summary>IANA time zone id of the market's office, e.g. Europe/Berlin.</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>Working days; Monday to Friday when none are configured.</summary>
    public List<DayOfWeek> WorkDays { get; set; } = [];

    public TimeOnly Open { get; set; } = new(9, 0);

    /// <summary>Closing time; 00:00 means midnight at the end of the day (with Open 00:00: round the clock).</summary>
    public TimeOnly Close { get; set; } = new(17, 0);

    /// <summary>Local dates the office is closed, e.g. 2025-12-25.</summary>
    public List<DateOnly> Holidays { get; set; } = [];

    public static IReadOnlyList<DayOfWeek> DefaultWorkDays { get; } =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    public BusinessCalendar ToCalendar() => new(
        TimeZoneInfo.FindSystemTimeZoneById(TimeZone),
        BusinessCalendar.WorkWeek(WorkDays.Count == 0 ? DefaultWorkDays : WorkDays, new BusinessHours(Open, Close)),
        Holidays);
}
