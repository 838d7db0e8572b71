namespace CrmSignalWorker.Simulator.Generation;

/// <summary>Finds opportunities with two or more StageName changes within 24 hours: the scenario's ground truth.</summary>
internal static class StageJumpDetector
{
    public static readonly TimeSpan Window = TimeSpan.FromHours(24);

    public static IReadOnlySet<string> FindJumpers(IEnumerable<SimFieldHistory> opportunityFieldHistory)
    {
        // Two changes fit in one 24-hour window exactly when some pair of consecutive changes is at most 24 hours apart.
        return opportunityFieldHistory
            .Where(r => r.Field == "StageName")
            .GroupBy(r => r.ParentId, StringComparer.Ordinal)
            .Where(g => g.Select(r => r.CreatedDate).Order().Pairwise().Any(p => p.Later - p.Earlier <= Window))
            .Select(g => g.Key)
            .ToHashSet(StringComparer.Ordinal);
    }

    private static IEnumerable<(DateTimeOffset Earlier, DateTimeOffset Later)> Pairwise(this IEnumerable<DateTimeOffset> times)
    {
        using var e = times.GetEnumerator();
        if (!e.MoveNext())
        {
            yield break;
        }

        var previous = e.Current;
        while (e.MoveNext())
        {
            yield return (previous, e.Current);
            previous = e.Current;
        }
    }
}
