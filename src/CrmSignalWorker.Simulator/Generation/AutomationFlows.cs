namespace CrmSignalWorker.Simulator.Generation;

/// <summary>
/// The org's record-triggered flows, which run as the Automated Process user: which flow writes which field of which
/// object, and which field is an object's stage. The scenario's workflow events name the flow that did the write.
/// </summary>
internal static class AutomationFlows
{
    public const string LeadRouting = "Lead_Routing_Flow";
    public const string OpportunityStage = "Opportunity_Stage_Flow";
    public const string OpportunityHandoff = "Opportunity_Handoff_Flow";
    public const string AccountTerritory = "Account_Territory_Flow";
    public const string ContactOwnerSync = "Contact_Owner_Sync_Flow";
    public const string CaseAssignment = "Case_Assignment_Flow";
    public const string CaseEscalation = "Case_Escalation_Flow";
    public const string DealRegistrationApproval = "Deal_Registration_Approval_Flow";

    /// <summary>The history field that holds an object's stage or status, or null when it has none.</summary>
    public static string? StageField(string objectName) => objectName switch
    {
        "Opportunity" => "StageName",
        "Lead" or "Case" => "Status",
        "Deal_Registration__c" => "Status__c",
        _ => null,
    };

    /// <summary>The flow behind an automated write of <paramref name="field"/> (a history field name such as <c>Owner</c>).</summary>
    public static string For(string objectName, string field) => (objectName, field) switch
    {
        ("Lead", "Owner") => LeadRouting,
        ("Opportunity", "Owner") => OpportunityHandoff,
        ("Opportunity", _) => OpportunityStage,
        ("Account", _) => AccountTerritory,
        ("Contact", _) => ContactOwnerSync,
        ("Case", "Owner") => CaseAssignment,
        ("Case", _) => CaseEscalation,
        ("Deal_Registration__c", _) => DealRegistrationApproval,
        _ => objectName + "_Automation_Flow",
    };
}
