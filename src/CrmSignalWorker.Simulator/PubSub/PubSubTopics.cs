namespace CrmSignalWorker.Simulator.PubSub;

/// <summary>The channels the org serves (names are case-sensitive, as in Salesforce).</summary>
public static class PubSubTopics
{
    public const string OpportunityChangeEvent = "/data/OpportunityChangeEvent";

    public const string LeadChangeEvent = "/data/LeadChangeEvent";

    public const string AccountChangeEvent = "/data/AccountChangeEvent";

    public const string ContactChangeEvent = "/data/ContactChangeEvent";

    public const string CaseChangeEvent = "/data/CaseChangeEvent";

    /// <summary>A custom object's channel drops the <c>c</c> of <c>__c</c>.</summary>
    public const string DealRegistrationChangeEvent = "/data/Deal_Registration__ChangeEvent";

    /// <summary>The standard channel carrying every selected entity; each event names its own schema id.</summary>
    public const string ChangeEvents = "/data/ChangeEvents";

    /// <summary>The platform-event channel the org's automations publish on (flows: handoffs, stage changes, SLA breaches).</summary>
    public const string WorkflowEvent = "/event/Workflow_Event__e";

    public static readonly IReadOnlyList<string> All =
    [
        OpportunityChangeEvent, LeadChangeEvent, AccountChangeEvent, ContactChangeEvent, CaseChangeEvent, DealRegistrationChangeEvent,
        ChangeEvents, WorkflowEvent,
    ];
}
