namespace CrmSignalWorker.Core.Calendars;

/// <summary>Conversions between a time zone's wall clock and instants, defined for the hours a daylight-saving change skips or repeats.</summary>
internal static class WallClock
{
    /// <summary>The longest wall-clock gap a time zone has skipped in one change (Samoa skipped a whole day in 2011).</summary>
    private const int LongestGapMinutes = 24 * 60;

    /// <summary>The local calendar day an instant falls on.</summary>
    public static DateOnly DateOf(DateTimeOffset instant, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    /// <summary>
    /// The instant a wall-clock time names. A time the clock skips (spring forward) becomes the instant the clock
    /// jumps over it, since that is when the office's day continues; a time the clock shows twice (fall back) is the
    /// first of the two, when it is first reached.
    /// </summary>
    public static DateTimeOffset ToInstant(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            // Gaps start and end on whole minutes, so from the minute holding the time, whole steps land on the gap's end.
            var end = new DateTime(local.Ticks - (local.Ticks % TimeSpan.TicksPerMinute), DateTimeKind.Unspecified);
            for (var minutes = 0; zone.IsInvalidTime(end) && minutes < LongestGapMinutes; minutes++)
            {
                end = end.AddMinutes(1);
            }

            return new DateTimeOffset(end, zone.GetUtcOffset(end));
        }

        if (zone.IsAmbiguousTime(local))
        {
            return new DateTimeOffset(local, zone.GetAmbiguousTimeOffsets(local).Max());
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}
