namespace CrmSignalWorker.Core.Trace;

public enum TimelineEntryKind
{
    /// <summary>A write to a field (field_change).</summary>
    FieldWrite = 0,

    /// <summary>A step of the workflow (workflow_event): stage change, handoff, SLA, notification.</summary>
    WorkflowEvent = 1,
}
