namespace CrmSignalWorker.Storage.Ingest;

/// <summary>
/// A request to read a history object again from <see cref="Since"/>: for the named records (a GAP_* event), or
/// for every record when <see cref="RecordIds"/> is empty (GAP_OVERFLOW, or a replay id the server no longer accepts).
/// </summary>
public sealed record HistoryReread(string HistoryObject, IReadOnlyList<string> RecordIds, DateTimeOffset Since, string Reason)
{
    /// <summary>The stored request's id; 0 before it is stored.</summary>
    public long Id { get; init; }
}
