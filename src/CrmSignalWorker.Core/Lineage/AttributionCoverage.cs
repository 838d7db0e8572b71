using CrmSignalWorker.Core.Normalization;

namespace CrmSignalWorker.Core.Lineage;

/// <summary>
/// How much of the workflow the store can explain: the share of stage and owner changes whose actor kind and channel
/// are both known, per object and source and per object over every source, against a target (issue 4: 80 %).
/// An object with no such change in the window has no row, rather than a share of 0 or 1 nobody earned.
/// </summary>
public sealed record AttributionCoverage(decimal Target, IReadOnlyList<CoverageShare> BySource, IReadOnlyList<CoverageShare> ByObject)
{
    /// <summary>The share a team must reach (issue 4).</summary>
    public const decimal DefaultTarget = 0.8m;

    /// <summary>
    /// Every field name that can be a stage or owner field, for the query to narrow by; <see cref="IsStageOrOwnerChange"/>
    /// decides per object. An owner change is stored twice by history (ids and names): only the id row, OwnerId, counts.
    /// </summary>
    public static IReadOnlyList<string> CandidateFields { get; } = ["OwnerId", "StageName", "Status"];

    public static AttributionCoverage Empty(decimal target) => new(target, [], []);

    /// <summary>A write of the object's stage (StageName, a lead's or case's Status) or of its owner (OwnerId).</summary>
    public static bool IsStageOrOwnerChange(string objectName, string field) =>
        field == "OwnerId" || (SalesforceObjects.StageFieldOf(objectName) is { } stageField && field == stageField);

    public static AttributionCoverage Build(IEnumerable<CoverageTally> tallies, decimal target = DefaultTarget)
    {
        ArgumentNullException.ThrowIfNull(tallies);
        if (target is <= 0m or > 1m)
        {
            throw new ArgumentOutOfRangeException(nameof(target), target, "The target is a share above 0 and at most 1.");
        }

        var relevant = tallies.Where(t => t.Changes > 0 && IsStageOrOwnerChange(t.ObjectName, t.Field)).ToList();
        foreach (var tally in relevant.Where(t => t.Attributed < 0 || t.Attributed > t.Changes))
        {
            throw new ArgumentException($"{tally.ObjectName}.{tally.Field} ({tally.Source}): {tally.Attributed} attributed of {tally.Changes} changes.", nameof(tallies));
        }

        var bySource = relevant
            .GroupBy(t => (t.ObjectName, t.Source))
            .Select(g => Share(g.Key.ObjectName, g.Key.Source, g.Sum(t => t.Changes), g.Sum(t => t.Attributed), target))
            .OrderBy(s => s.ObjectName, StringComparer.Ordinal)
            .ThenBy(s => s.Source, StringComparer.Ordinal)
            .ToList();
        var byObject = relevant
            .GroupBy(t => t.ObjectName, StringComparer.Ordinal)
            .Select(g => Share(g.Key, null, g.Sum(t => t.Changes), g.Sum(t => t.Attributed), target))
            .OrderBy(s => s.ObjectName, StringComparer.Ordinal)
            .ToList();
        return new AttributionCoverage(target, bySource, byObject);
    }

    private static CoverageShare Share(string objectName, string? source, long changes, long attributed, decimal target)
    {
        var share = Shares.Of(attributed, changes);
        return new CoverageShare(objectName, source, changes, attributed, share, share >= target);
    }
}
