using CrmSignalWorker.Core.Changes;

namespace CrmSignalWorker.Core.Normalization;

public sealed record NormalizedBatch(IReadOnlyList<FieldChange> FieldChanges, IReadOnlyList<WorkflowEvent> WorkflowEvents);
