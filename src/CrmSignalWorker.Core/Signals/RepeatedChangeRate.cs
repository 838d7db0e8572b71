namespace CrmSignalWorker.Core.Signals;

/// <summary>
/// The math the stage-jump and owner ping-pong signals share: of the records with a change on a day, the share
/// with two changes no further apart than a window, the later one falling on that day.
/// </summary>
/// <remarks>
/// Days are UTC days for now. A record belongs to the segment of its last change of the day, so it is counted once
/// per day even when its writers sit in different markets.
/// </remarks>
public static class RepeatedChangeRate
{
    /// <summary>
    /// Evaluates one day. <paramref name="changes"/> must hold every change from <paramref name="window"/> before the
    /// day starts to the day's end; changes outside that range are ignored.
    /// </summary>
    public static IReadOnlyList<SignalValue> Evaluate(
        string signal, IEnumerable<StageChangeObservation> changes, DateOnly day, TimeSpan window, decimal threshold)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var dayStart = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var dayEnd = dayStart.AddDays(1);

        var byRecord = changes
            .Where(c => c.ChangedAt >= dayStart - window && c.ChangedAt < dayEnd)
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
            if (HasTwoChangesWithinWindowEndingOnDay(ordered, dayStart, window))
            {
                tally.Offending.Add(record.Key);
            }

            segments[segment] = tally;
        }

        return segments
            .Select(s => new SignalValue(signal, day, s.Key, s.Value.Offending.Count, s.Value.Denominator, threshold, s.Value.Offending.Order(StringComparer.Ordinal).ToList()))
            .ToList();
    }

    private static bool HasTwoChangesWithinWindowEndingOnDay(List<StageChangeObservation> ordered, DateTimeOffset dayStart, TimeSpan window)
    {
        for (var i = 1; i < ordered.Count; i++)
        {
            if (ordered[i].ChangedAt >= dayStart && ordered[i].ChangedAt - ordered[i - 1].ChangedAt <= window)
            {
                return true;
            }
        }

        return false;
    }
}
