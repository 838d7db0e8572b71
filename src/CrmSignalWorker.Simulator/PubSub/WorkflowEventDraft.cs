namespace CrmSignalWorker.Simulator.PubSub;

/// <summary>A <c>Workflow_Event__e</c> platform event before the bus gives it a replay id and encodes it.</summary>
internal sealed record WorkflowEventDraft(SimWorkflowEvent Event) : IBusDraft
{
    public string Entity => WorkflowEventSchema.EventName;

    public DateTimeOffset CommitTimestamp => Event.CreatedDate;
}
