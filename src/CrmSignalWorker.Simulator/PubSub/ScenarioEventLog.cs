namespace CrmSignalWorker.Simulator.PubSub;

/// <summary>The scenario's history as bus events in commit order: change events, each automated transaction followed by its workflow events.</summary>
internal sealed record ScenarioEventLog(IReadOnlyList<IBusDraft> All)
{
    public IReadOnlyList<ChangeEventDraft> Changes => [.. All.OfType<ChangeEventDraft>()];

    public IReadOnlyList<SimWorkflowEvent> WorkflowEvents => [.. All.OfType<WorkflowEventDraft>().Select(w => w.Event)];
}
