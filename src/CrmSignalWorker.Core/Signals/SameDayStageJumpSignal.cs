namespace CrmSignalWorker.Core.Signals;

/// <summary>
/// Same-day multi-stage jumps: of the records whose stage changed on a day, the share that changed
/// stage at least twice within 24 hours, the later change falling on that day. A deal that skips
/// through the funnel in an afternoon was not worked stage by stage; the stages were back-filled.
/// </summary>
/// <remarks>
/// Days are UTC days for now. A record belongs to the segment of its last stage change of the day,
/// so it is counted once per day even when its writers sit in different markets.
/// </remarks>
public static class SameDayStageJumpSignal
{
    /// <summary>The research puts the alert band at 2–5 %; 5 % keeps the first digests quiet enough to be read.</summary>
    public const decimal DefaultThreshold = 0.05m;

    public static readonly TimeSpan Window = TimeSpan.FromHours(24);

    /// <summary>
    /// Evaluates one day. <paramref name="changes"/> must hold every stage change from 24 hours before
    /// the day starts to the day's end; changes outside that range are ignored.
    /// </summary>
    public static IReadOnlyList<SignalValue> Evaluate(IEnumerable<StageChangeObservation> changes, DateOnly day, decimal threshold)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var dayStart = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var dayEnd = dayStart.AddDays(1);

        var byRecord = changes
            .Where(c => c.ChangedAt >= dayStart - Window && c.ChangedAt < dayEnd)
            .GroupBy(c => c.RecordId, StringComparer.Ordinal);

        var segments = new SortedDictionary<string, (int Denominator, List<string> Offending)>(StringComparer.Ordinal);
        foreach (var record in byRecord)
        {
            var ordered = record.OrderBy(c => c.ChangedAt).ToList();
            var onDay = ordered.Where(c => c.ChangedAt >= dayStart).ToList();
            if (onDay.Count == 0)
            {
                continue;
            }

            var segment = onDay[^1].Segment;
            if (!segments.TryGetValue(segment, out var tally))
            {
                tally = (0, []);
            }

            tally.Denominator++;
            if (HasTwoChangesWithinWindowEndingOnDay(ordered, dayStart))
            {
                tally.Offending.Add(record.Key);
            }

            segments[segment] = tally;
        }

        return segments
            .Select(s => new SignalValue(
                SignalNames.SameDayStageJumps,
                day,
                s.Key,
                s.Value.Offending.Count,
                s.Value.Denominator,
                threshold,
                s.Value.Offending.Order(StringComparer.Ordinal).ToList()))
            .ToList();
    }

    private static bool HasTwoChangesWithinWindowEndingOnDay(List<StageChangeObservation> ordered, DateTimeOffset dayStart)
    {
        for (var i = 1; i < ordered.Count; i++)
        {
            if (ordered[i].ChangedAt >= dayStart && ordered[i].ChangedAt - ordered[i - 1].ChangedAt <= Window)
            {
                return true;
            }
        }

        return false;
    }
}
