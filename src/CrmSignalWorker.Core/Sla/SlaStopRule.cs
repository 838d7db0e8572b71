using CrmSignalWorker.Core.Changes;
using CrmSignalWorker.Core.Milestones;

namespace CrmSignalWorker.Core.Sla;

/// <summary>
/// A condition besides leaving the policy's state that stops a clock: a field gets a value (any, or one of
/// <see cref="Values"/>), e.g. FirstContactedAt__c is filled; or a workflow step of type <see cref="Activity"/> happens.
/// </summary>
public sealed record SlaStopRule(string? Field, IReadOnlyList<string> Values, WorkflowEventType? Activity)
{
    public static SlaStopRule FieldSet(string field, params string[] values) => new(field, values, null);

    public static SlaStopRule OnActivity(WorkflowEventType activity) => new(null, [], activity);

    public bool Matches(MilestoneInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (Activity is { } activity)
        {
            return input.Activity == activity;
        }

        if (input.Activity is not null || !string.Equals(input.Field, Field, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return Values.Count == 0 ? !string.IsNullOrEmpty(input.Value) : Values.Contains(input.Value ?? "", StringComparer.Ordinal);
    }
}
