namespace CrmSignalWorker.Core.Workflow;

/// <summary>The configured stage orders, by object API name (Opportunity, Lead, …).</summary>
public sealed record WorkflowRules(IReadOnlyDictionary<string, StageOrder> StageOrders)
{
    public static WorkflowRules None { get; } = new(new Dictionary<string, StageOrder>(StringComparer.Ordinal));

    public StageMovement MovementOf(string objectName, string? before, string? after) =>
        StageOrders.TryGetValue(objectName, out var order) ? order.Classify(before, after) : StageMovement.Unknown;
}
