using CrmSignalWorker.Core.Changes;

namespace CrmSignalWorker.Storage.Milestones;

/// <summary>The writes and workflow steps a derivation job needs: of these objects, to these fields (case-insensitive), or of these step types.</summary>
public sealed record MilestoneInputFilter(IReadOnlyCollection<string> Objects, IReadOnlyCollection<string> Fields, IReadOnlyCollection<WorkflowEventType> Activities);
