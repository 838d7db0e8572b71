namespace CrmSignalWorker.Core.Changes;

public enum WorkflowEventType
{
    StageChange = 0,
    Handoff = 1,

    /// <summary>A Flow told someone to act (an email, a task, a Slack ping): a step that can trigger rushed writes.</summary>
    Notification = 2,

    SlaBreach = 3,

    RecordCreated = 4,

    // Attribution's types are numbered from 10 (SLA and incentive types from 20), so branches can add theirs without clashing.

    /// <summary>Records were merged: the survivor's event, linking the merged-away record when that is known.</summary>
    RecordMerged = 10,
}
