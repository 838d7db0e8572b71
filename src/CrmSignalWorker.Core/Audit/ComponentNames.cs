using System.Text.RegularExpressions;

namespace CrmSignalWorker.Core.Audit;

/// <summary>
/// Reads the name of the flow or rule a change touched out of Salesforce's Display sentence. Each kind has its
/// own pattern, shown with an example; a sentence no pattern fits gives null rather than a guess.
/// </summary>
public static partial class ComponentNames
{
    public static string? From(ConfigurationChangeKind kind, string? display)
    {
        if (string.IsNullOrWhiteSpace(display))
        {
            return null;
        }

        return kind switch
        {
            // Activated flow version #4 "Marketo Stage Sync" for flow with Unique Name "Marketo_Stage_Sync" → Marketo_Stage_Sync.
            // The API name is preferred to the label: it is what stays the same when the flow is renamed.
            ConfigurationChangeKind.FlowActivated or ConfigurationChangeKind.FlowDeactivated or ConfigurationChangeKind.FlowEdited =>
                Group(FlowUniqueName(), display) ?? Group(FirstQuoted(), display),
            // Changed name for Opportunity validation from "Old_Name" to "New_Name" → New_Name (the name it has now);
            // Changed formula for Opportunity validation "Close_Date_Not_In_Past" from "…" to "…" → Close_Date_Not_In_Past.
            ConfigurationChangeKind.ValidationRuleChanged =>
                Group(ValidationRenamed(), display) ?? Group(ValidationName(), display),
            // Deactivated workflow rule Lead_Nurture_Alert for Object: Lead → Lead_Nurture_Alert.
            ConfigurationChangeKind.WorkflowRuleChanged => Group(WorkflowRuleName(), display),
            // The Display format of assignment-rule changes is not documented anywhere found; when the sentence
            // quotes a name (Changed rule entry 2 of lead assignment rule "Standard Lead Routing"), that name is taken.
            ConfigurationChangeKind.AssignmentRuleChanged => Group(FirstQuoted(), display),
            // Created permission set MAD: with user license Salesforce. → MAD (Salesforce's documented example).
            ConfigurationChangeKind.PermissionChange => Group(PermissionSetName(), display),
            _ => null,
        };
    }

    private static string? Group(Regex pattern, string display)
    {
        var match = pattern.Match(display);
        return match.Success ? match.Groups["name"].Value.Trim() : null;
    }

    [GeneratedRegex("Unique Name \"(?<name>[^\"]+)\"", RegexOptions.IgnoreCase)]
    private static partial Regex FlowUniqueName();

    [GeneratedRegex("\"(?<name>[^\"]+)\"")]
    private static partial Regex FirstQuoted();

    [GeneratedRegex("validation from \"[^\"]*\" to \"(?<name>[^\"]+)\"", RegexOptions.IgnoreCase)]
    private static partial Regex ValidationRenamed();

    [GeneratedRegex("validation(?: rule)? \"(?<name>[^\"]+)\"", RegexOptions.IgnoreCase)]
    private static partial Regex ValidationName();

    [GeneratedRegex("workflow rule (?<name>[^\\s\"]+)", RegexOptions.IgnoreCase)]
    private static partial Regex WorkflowRuleName();

    [GeneratedRegex("permission set (?<name>[^\\s:\"]+)", RegexOptions.IgnoreCase)]
    private static partial Regex PermissionSetName();
}
