namespace CrmSignalWorker.Simulator.PubSub;

/// <summary>A <c>Workflow_Event__e</c> a test publishes with <see cref="SimulatedPubSub.PublishWorkflowEvent"/>.</summary>
public sealed class WorkflowEventSpec
{
    public required string RecordId { get; init; }

    /// <summary>The record's object, e.g. <c>Lead</c> or <c>Case</c>.</summary>
    public required string ObjectName { get; init; }

    /// <summary>Usually one of <see cref="WorkflowEventTypes"/>; any other text is published as given.</summary>
    public required string EventType { get; init; }

    public string? StageBefore { get; init; }

    public string? StageAfter { get; init; }

    public string? OwnerBefore { get; init; }

    public string? OwnerAfter { get; init; }

    /// <summary>The Flow that acted, e.g. <c>Lead_Routing_Flow</c>.</summary>
    public string? AutomationId { get; init; }

    /// <summary>
    /// Null starts a new live transaction and uses its key; publish the matching change with
    /// <see cref="ChangeEventSpec.TransactionKey"/> set to the returned correlation id to put both in one transaction.
    /// </summary>
    public string? CorrelationId { get; init; }

    public string? SlaClockState { get; init; }

    /// <summary>Defaults to the Automated Process user.</summary>
    public string? CreatedById { get; init; }

    /// <summary>Defaults to the org clock's now.</summary>
    public DateTimeOffset? CreatedDate { get; init; }

    /// <summary>Defaults to a UUID derived from the seed and the number of live workflow events so far.</summary>
    public string? EventUuid { get; init; }
}
