using CrmSignalWorker.Core.Changes;

namespace CrmSignalWorker.Storage.Ingest;

/// <summary>Everything one page of a source produced, written together with the checkpoint that covers it.</summary>
public sealed record IngestBatch(
    IReadOnlyList<FieldChange> FieldChanges,
    IReadOnlyList<WorkflowEvent> WorkflowEvents,
    IReadOnlyList<OpportunitySnapshot> Snapshots,
    IReadOnlyList<QuarantinedPayload> Quarantined)
{
    public static IngestBatch Empty { get; } = new([], [], [], []);
}
