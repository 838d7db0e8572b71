using CrmSignalWorker.Core.Changes;

namespace CrmSignalWorker.Storage.Ingest;

/// <summary>Everything one page of a source produced, written together with the checkpoint that covers it.</summary>
/// <param name="Rereads">History the source could not deliver and that must be read again (gap events).</param>
public sealed record IngestBatch(
    IReadOnlyList<FieldChange> FieldChanges,
    IReadOnlyList<WorkflowEvent> WorkflowEvents,
    IReadOnlyList<OpportunitySnapshot> Snapshots,
    IReadOnlyList<QuarantinedPayload> Quarantined,
    IReadOnlyList<HistoryReread>? Rereads = null)
{
    public static IngestBatch Empty { get; } = new([], [], [], []);
}
