using CrmSignalWorker.Core.Changes;
using CrmSignalWorker.Storage.Ingest;

namespace CrmSignalWorker.Sources;

/// <summary>
/// Consecutive events of one change stream, decoded and normalized: what they store, and the position that covers
/// them. A receiver makes one per response; <see cref="Merge"/> joins them into what one transaction commits.
/// </summary>
/// <param name="Events">Events received, stored or not (gaps, quarantined).</param>
/// <param name="LastReplayId">The replay id of the last event: committing it means every event here is stored.</param>
/// <param name="NewestCommit">The latest Salesforce commit time among the events, for the stream's watermark.</param>
/// <param name="ReadyAt">When the first of these events was ready to commit; the linger is measured from it.</param>
public sealed record NormalizedEvents(IngestBatch Batch, int Events, int Gaps, byte[] LastReplayId, DateTimeOffset? NewestCommit, DateTimeOffset ReadyAt)
{
    /// <summary>The parts in order, as one: their rows together, the last part's replay id, the earliest readiness.</summary>
    public static NormalizedEvents Merge(IReadOnlyList<NormalizedEvents> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        ArgumentOutOfRangeException.ThrowIfZero(parts.Count);
        if (parts.Count == 1)
        {
            return parts[0];
        }

        var fieldChanges = new List<FieldChange>(parts.Sum(p => p.Batch.FieldChanges.Count));
        var workflowEvents = new List<WorkflowEvent>(parts.Sum(p => p.Batch.WorkflowEvents.Count));
        var snapshots = new List<OpportunitySnapshot>();
        var quarantined = new List<QuarantinedPayload>();
        var rereads = new List<HistoryReread>();
        DateTimeOffset? newest = null;
        foreach (var part in parts)
        {
            fieldChanges.AddRange(part.Batch.FieldChanges);
            workflowEvents.AddRange(part.Batch.WorkflowEvents);
            snapshots.AddRange(part.Batch.Snapshots);
            quarantined.AddRange(part.Batch.Quarantined);
            rereads.AddRange(part.Batch.Rereads ?? []);
            if (part.NewestCommit is { } commit && (newest is null || commit > newest))
            {
                newest = commit;
            }
        }

        return new NormalizedEvents(
            new IngestBatch(fieldChanges, workflowEvents, snapshots, quarantined, rereads),
            parts.Sum(p => p.Events),
            parts.Sum(p => p.Gaps),
            parts[^1].LastReplayId,
            newest,
            parts.Min(p => p.ReadyAt));
    }
}
