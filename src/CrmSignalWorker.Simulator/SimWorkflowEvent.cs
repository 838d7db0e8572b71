namespace CrmSignalWorker.Simulator;

/// <summary>
/// One <c>Workflow_Event__e</c> platform event: what an automation did to a record, published on
/// <c>/event/Workflow_Event__e</c>. The custom fields are named without their <c>__c</c> suffix.
/// </summary>
/// <param name="EventUuid">The platform event's EventUuid.</param>
/// <param name="CreatedDate">When the event was published: the commit time of the transaction it describes.</param>
/// <param name="CreatedById">The Automated Process user for the scenario's events.</param>
/// <param name="EventType">One of <see cref="WorkflowEventTypes"/>.</param>
/// <param name="StageBefore">The stage (or status) before a <c>stage_change</c>; null otherwise.</param>
/// <param name="OwnerBefore">The owner id before a <c>handoff</c>; null otherwise.</param>
/// <param name="AutomationId">The Flow that acted, e.g. <c>Lead_Routing_Flow</c>.</param>
/// <param name="CorrelationId">The transactionKey of the change events written by the same transaction.</param>
/// <param name="SlaClockState">For cases: <c>running</c>, <c>breached</c>; null where no SLA applies.</param>
public sealed record SimWorkflowEvent(
    string EventUuid,
    DateTimeOffset CreatedDate,
    string CreatedById,
    string RecordId,
    string ObjectName,
    string EventType,
    string? StageBefore,
    string? StageAfter,
    string? OwnerBefore,
    string? OwnerAfter,
    string? AutomationId,
    string? CorrelationId,
    string? SlaClockState);

/// <summary>The values of <c>Workflow_Event__e.Event_Type__c</c>.</summary>
public static class WorkflowEventTypes
{
    public const string StageChange = "stage_change";
    public const string Handoff = "handoff";
    public const string Notification = "notification";
    public const string SlaBreach = "sla_breach";
    public const string RecordCreated = "record_created";

    public static readonly IReadOnlyList<string> All = [StageChange, Handoff, Notification, SlaBreach, RecordCreated];
}
