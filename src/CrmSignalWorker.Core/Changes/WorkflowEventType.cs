namespace CrmSignalWorker.Core.Changes;

public enum WorkflowEventType
{
    StageChange = 0,
    Handoff = 1,

    /// <summary>A Flow told someone to act (an email, a task, a Slack ping): a step that can trigger rushed writes.</summary>
    Notification = 2,

    SlaBreach = 3,

    RecordCreated = 4,
}
