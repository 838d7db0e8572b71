namespace CrmSignalWorker.Core.Audit;

/// <summary>What kind of configuration a Setup change touched, as far as the trace of a spike cares.</summary>
public enum ConfigurationChangeKind
{
    /// <summary>A change no rule settles: kept, but not counted as automation or access.</summary>
    Other,
    FlowActivated,
    FlowDeactivated,

    /// <summary>A flow was created, saved as a new version, renamed, deleted, or had its run mode changed.</summary>
    FlowEdited,
    ValidationRuleChanged,
    AssignmentRuleChanged,
    WorkflowRuleChanged,

    /// <summary>Permission sets and profiles: who may do what.</summary>
    PermissionChange,
}

/// <summary>The stored and configured spelling of each kind: lower-case words, as SQL written by hand reads them.</summary>
public static class ConfigurationChangeKinds
{
    private static readonly (ConfigurationChangeKind Kind, string Text)[] Spellings =
    [
        (ConfigurationChangeKind.Other, "other"),
        (ConfigurationChangeKind.FlowActivated, "flow_activated"),
        (ConfigurationChangeKind.FlowDeactivated, "flow_deactivated"),
        (ConfigurationChangeKind.FlowEdited, "flow_edited"),
        (ConfigurationChangeKind.ValidationRuleChanged, "validation_rule_changed"),
        (ConfigurationChangeKind.AssignmentRuleChanged, "assignment_rule_changed"),
        (ConfigurationChangeKind.WorkflowRuleChanged, "workflow_rule_changed"),
        (ConfigurationChangeKind.PermissionChange, "permission_change"),
    ];

    public static IReadOnlyList<string> Names { get; } = [.. Spellings.Select(s => s.Text)];

    public static string ToText(ConfigurationChangeKind kind)
    {
        foreach (var (known, text) in Spellings)
        {
            if (known == kind)
            {
                return text;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(kind), kind, "unmapped configuration change kind");
    }

    public static bool TryParse(string? text, out ConfigurationChangeKind kind)
    {
        foreach (var (known, spelling) in Spellings)
        {
            if (string.Equals(spelling, text?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                kind = known;
                return true;
            }
        }

        kind = ConfigurationChangeKind.Other;
        return false;
    }
}
