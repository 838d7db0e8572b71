using CrmSignalWorker.Core.Workflow;

namespace CrmSignalWorker.Core.Normalization;

/// <summary>Everything configurable the normalizers apply: channel rules and stage orders.</summary>
public sealed record NormalizationRules(ChannelRules Channels, WorkflowRules Workflow)
{
    public static NormalizationRules Default { get; } = new(ChannelRules.Default, WorkflowRules.None);
}
