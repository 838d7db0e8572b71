namespace CrmSignalWorker.Core.Incentives;

/// <summary>A record in commit, as stored between runs (records not in commit have none).</summary>
/// <param name="FinalDaysThrough">The start of the last period's final days for which the record's event was emitted.</param>
public sealed record CommitState(string ObjectName, string RecordId, string Market, DateTimeOffset EnteredAt, DateTimeOffset? FinalDaysThrough);
