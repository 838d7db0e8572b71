namespace CrmSignalWorker.Core.Changes;

public enum WorkflowEventType
{
    StageChange = 0,
    Handoff = 1,
}
