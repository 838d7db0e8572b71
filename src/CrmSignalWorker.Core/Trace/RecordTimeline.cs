namespace CrmSignalWorker.Core.Trace;

/// <summary>
/// A record's field writes and workflow events in time order: the part of a trace (issue 5) that needs no rule.
/// The first divergence, the causing step and configuration changes are added beside it, not into it.
/// </summary>
/// <param name="Record">Null when the record was never synced, or is not visible, while some of its rows are.</param>
/// <param name="Truncated">True when more than the requested number of entries exist; the earliest are kept.</param>
public sealed record RecordTimeline(string RecordId, TracedRecord? Record, IReadOnlyList<TimelineEntry> Entries, bool Truncated)
{
    /// <summary>Nothing about the record is visible: to a caller, it does not exist.</summary>
    public bool IsEmpty => Record is null && Entries.Count == 0;

    /// <summary>
    /// Merges the two kinds into one order: by time, then a workflow event before a field write at the same instant
    /// (a Flow publishes the step in the transaction of the writes it makes, so the step reads first), then by id.
    /// Each list holds at most <paramref name="limit"/> + 1 of its earliest rows, which is enough to know the first
    /// <paramref name="limit"/> of both and whether there are more.
    /// </summary>
    public static RecordTimeline Merge(string recordId, TracedRecord? record, IEnumerable<TimelineEntry> fieldWrites, IEnumerable<TimelineEntry> workflowEvents, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var all = fieldWrites.Concat(workflowEvents)
            .OrderBy(e => e.At)
            .ThenBy(e => e.Kind == TimelineEntryKind.WorkflowEvent ? 0 : 1)
            .ThenBy(e => e.Id)
            .ToList();
        var truncated = all.Count > limit;
        return new RecordTimeline(recordId, record, truncated ? all.GetRange(0, limit) : all, truncated);
    }
}
