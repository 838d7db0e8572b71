namespace CrmSignalWorker.Core.Audit;

/// <summary>
/// The tables that settle a Setup change's kind. They are tried in order and the first match wins:
/// <list type="number">
/// <item>the exact Action, ignoring case (so <c>activatedinteractiondefversionWithSystemMode</c>, a run-mode
/// change, is not read as an activation);</item>
/// <item>an Action prefix (<c>changedValidation…</c>, <c>PermSet…</c>, <c>profile…</c>);</item>
/// <item>the exact Section, ignoring case, for actions no table names;</item>
/// <item>otherwise <see cref="ConfigurationChangeKind.Other"/>.</item>
/// </list>
/// Salesforce documents SetupAuditTrail's fields but publishes no list of Action codes. The codes below are the
/// ones public audit-trail catalogues and tooling agree on, with their Display sentences; they are second-hand,
/// which is why an operator can add or override codes and sections (SetupAudit:ActionKinds, SetupAudit:SectionKinds)
/// instead of waiting for a release. The Action <c>changedFlowStatus</c> was not found in any source, so it is not
/// mapped; in the Flows section it falls to the section rule (<see cref="ConfigurationChangeKind.FlowEdited"/>).
/// </summary>
public sealed class ConfigurationChangeRules
{
    private readonly Dictionary<string, ConfigurationChangeKind> _actions;
    private readonly (string Prefix, ConfigurationChangeKind Kind)[] _actionPrefixes;
    private readonly Dictionary<string, ConfigurationChangeKind> _sections;

    private ConfigurationChangeRules(
        IEnumerable<KeyValuePair<string, ConfigurationChangeKind>> actions,
        (string Prefix, ConfigurationChangeKind Kind)[] actionPrefixes,
        IEnumerable<KeyValuePair<string, ConfigurationChangeKind>> sections)
    {
        _actions = new Dictionary<string, ConfigurationChangeKind>(actions, StringComparer.OrdinalIgnoreCase);
        _actionPrefixes = actionPrefixes;
        _sections = new Dictionary<string, ConfigurationChangeKind>(sections, StringComparer.OrdinalIgnoreCase);
    }

    public static ConfigurationChangeRules Default { get; } = new(DefaultActions(), DefaultActionPrefixes(), DefaultSections());

    /// <summary>These rules with the operator's codes and sections added; an entry for a code already known replaces it.</summary>
    public ConfigurationChangeRules WithOverrides(
        IReadOnlyDictionary<string, ConfigurationChangeKind> actions,
        IReadOnlyDictionary<string, ConfigurationChangeKind> sections)
    {
        ArgumentNullException.ThrowIfNull(actions);
        ArgumentNullException.ThrowIfNull(sections);
        var mergedActions = new Dictionary<string, ConfigurationChangeKind>(_actions, StringComparer.OrdinalIgnoreCase);
        foreach (var (action, kind) in actions)
        {
            mergedActions[action.Trim()] = kind;
        }

        var mergedSections = new Dictionary<string, ConfigurationChangeKind>(_sections, StringComparer.OrdinalIgnoreCase);
        foreach (var (section, kind) in sections)
        {
            mergedSections[section.Trim()] = kind;
        }

        return new ConfigurationChangeRules(mergedActions, _actionPrefixes, mergedSections);
    }

    public ConfigurationChangeKind KindOf(string action, string? section)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (_actions.TryGetValue(action.Trim(), out var byAction))
        {
            return byAction;
        }

        foreach (var (prefix, kind) in _actionPrefixes)
        {
            if (action.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return kind;
            }
        }

        return section is not null && _sections.TryGetValue(section.Trim(), out var bySection)
            ? bySection
            : ConfigurationChangeKind.Other;
    }

    private static Dictionary<string, ConfigurationChangeKind> DefaultActions() => new(StringComparer.OrdinalIgnoreCase)
    {
        // Activated flow version #11 "Send Welcome Package" for flow with Unique Name "Send_Welcome_Package"
        ["activatedinteractiondefinition"] = ConfigurationChangeKind.FlowActivated,
        // Activated flow with Name "Send Welcome Package" and Unique Name "Send_Welcome_Package"
        ["activatedinteractiondefversion"] = ConfigurationChangeKind.FlowActivated,
        // Deactivated flow with Name "Send Welcome Package" and Unique Name "Send_Welcome_Package"
        ["deactivatedinteractiondefinition"] = ConfigurationChangeKind.FlowDeactivated,
        // Deactivated flow version #3 "Send Welcome Package" for flow with Unique Name "Send_Welcome_Package"
        ["deactivatedinteractiondefversion"] = ConfigurationChangeKind.FlowDeactivated,
        // Created flow version #3 "Send Welcome Package" for flow with Unique Name "Send_Welcome_Package"
        ["createdinteractiondefversion"] = ConfigurationChangeKind.FlowEdited,
        ["createdinteractiondefinition"] = ConfigurationChangeKind.FlowEdited,
        ["deletedinteractiondefversion"] = ConfigurationChangeKind.FlowEdited,
        ["deletedinteractiondefinition"] = ConfigurationChangeKind.FlowEdited,
        // Renamed flow from "Old Label" to "New Label" for flow with Unique Name "Send_Welcome_Package"
        ["renamedinteractiondefinition"] = ConfigurationChangeKind.FlowEdited,
        // Activated "System Mode without Sharing" for version #2 of flow with Unique Name "Send_Welcome_Package":
        // the flow's run mode changed; which version runs did not.
        ["activatedinteractiondefinitionWithSystemMode"] = ConfigurationChangeKind.FlowEdited,
        ["activatedinteractiondefversionWithSystemMode"] = ConfigurationChangeKind.FlowEdited,
        ["deactivatedinteractiondefversionWithSystemMode"] = ConfigurationChangeKind.FlowEdited,
        // New Opportunity validation rule "Close_Date_Not_In_Past"
        ["newValidation"] = ConfigurationChangeKind.ValidationRuleChanged,
        // Removed Opportunity validation "Close_Date_Not_In_Past"
        ["removedValidation"] = ConfigurationChangeKind.ValidationRuleChanged,
        // Activated workflow rule Lead_Nurture for Object: Lead (and changed, created, deactivated, deleted)
        ["activatedworkflowrule"] = ConfigurationChangeKind.WorkflowRuleChanged,
        ["changedworkflowrule"] = ConfigurationChangeKind.WorkflowRuleChanged,
        ["createdworkflowrule"] = ConfigurationChangeKind.WorkflowRuleChanged,
        ["deactivatedworkflowrule"] = ConfigurationChangeKind.WorkflowRuleChanged,
        ["deletedworkflowrule"] = ConfigurationChangeKind.WorkflowRuleChanged,
    };

    private static (string Prefix, ConfigurationChangeKind Kind)[] DefaultActionPrefixes() =>
    [
        // changedValidationFormula, changedValidationActive, changedValidationMessage, changedValidationName, ...:
        // Changed formula for Opportunity validation "Close_Date_Not_In_Past" from "…" to "…"
        ("changedValidation", ConfigurationChangeKind.ValidationRuleChanged),
        // PermSetAssign, PermSetUnassign, PermSetCreate, PermSetEnableUserPerm, ... (Salesforce's own example:
        // PermSetCreate, "Created permission set MAD: with user license Salesforce.")
        ("PermSet", ConfigurationChangeKind.PermissionChange),
        ("PermissionSet", ConfigurationChangeKind.PermissionChange),
        // profileFlsChangedCustom, profilePermChangedCustom, profileTabsetChangedStandard, ...
        ("profile", ConfigurationChangeKind.PermissionChange),
    ];

    private static Dictionary<string, ConfigurationChangeKind> DefaultSections() => new(StringComparer.OrdinalIgnoreCase)
    {
        // Anything else in these sections changed a flow or rule of that kind, even under a code no table names yet.
        // A flow change of unknown code is an edit: it touched the flow, but nothing says it (de)activated one.
        ["Flows"] = ConfigurationChangeKind.FlowEdited,
        ["Validation Rules"] = ConfigurationChangeKind.ValidationRuleChanged,
        // Field updates, email alerts, flow triggers and outbound messages of workflow rules.
        ["Workflow Rule"] = ConfigurationChangeKind.WorkflowRuleChanged,
        // No source shows the Action codes of assignment-rule edits, so they are recognised by the Setup pages
        // they are made on (Lead Assignment Rules, Case Assignment Rules). That the audit trail names the Section
        // exactly so is inferred from the Setup menu, not confirmed.
        ["Lead Assignment Rules"] = ConfigurationChangeKind.AssignmentRuleChanged,
        ["Case Assignment Rules"] = ConfigurationChangeKind.AssignmentRuleChanged,
        ["Assignment Rules"] = ConfigurationChangeKind.AssignmentRuleChanged,
    };
}
