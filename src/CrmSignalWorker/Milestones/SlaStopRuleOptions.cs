using CrmSignalWorker.Core.Changes;
using CrmSignalWorker.Core.Sla;

namespace CrmSignalWorker.Milestones;

/// <summary>
/// One entry of <c>SlaClocks:Policies:&lt;n&gt;:StopWhen</c>: either <see cref="Field"/> (the clock stops when it gets a value, or
/// one of <see cref="Values"/>) or <see cref="Activity"/> (a workflow step type such as <c>notification</c>).
/// </summary>
public sealed class SlaStopRuleOptions
{
    public string? Field { get; set; }

    public List<string> Values { get; set; } = [];

    public string? Activity { get; set; }

    /// <summary>A workflow event type by its stored name (stage_change, handoff, notification, record_created).</summary>
    public static bool TryParseActivity(string? text, out WorkflowEventType type) =>
        Enum.TryParse(text?.Replace("_", "", StringComparison.Ordinal), ignoreCase: true, out type) && Enum.IsDefined(type) && !int.TryParse(text, out _);

    public SlaStopRule ToRule() => Activity is not null && TryParseActivity(Activity, out var type)
        ? SlaStopRule.OnActivity(type)
        : new SlaStopRule(Field, Values, null);
}
