namespace CrmSignalWorker.Core.Incentives;

/// <summary>
/// What "in commit" means for the business: a record of <see cref="ObjectName"/> whose <see cref="Field"/> holds one of
/// <see cref="Values"/>, e.g. Opportunity.ForecastCategoryName = Commit, or a StageName from a committed stage on.
/// </summary>
public sealed record CommitMilestone(string ObjectName, string Field, IReadOnlyList<string> Values)
{
    public bool Watches(string objectName, string? field) =>
        string.Equals(objectName, ObjectName, StringComparison.OrdinalIgnoreCase) && string.Equals(field, Field, StringComparison.OrdinalIgnoreCase);

    public bool IsCommit(string? value) => value is not null && Values.Contains(value, StringComparer.Ordinal);
}
