namespace CrmSignalWorker.Core.Lineage;

/// <summary>
/// Stored writes of one field of one object from one source in a window, and how many of them have both a known
/// actor kind and a known channel: one row of the coverage query.
/// </summary>
/// <param name="Source">As stored: cdc or history.</param>
public sealed record CoverageTally(string ObjectName, string Source, string Field, long Changes, long Attributed);
