using CrmSignalWorker.Core.Actors;
using CrmSignalWorker.Core.Changes;
using CrmSignalWorker.Core.Workflow;

namespace CrmSignalWorker.Core.Normalization;

/// <summary>
/// Turns a <c>Workflow_Event__e</c> platform event, which Flows publish at handoffs and stage changes, into a workflow
/// event. It names the automation (Automation_Id__c) and the transaction (Correlation_Id__c, the CDC transactionKey of
/// the writes it accompanies), which the field writes alone cannot tell.
/// </summary>
public static class WorkflowEventMessageNormalizer
{
    public const string Topic = "/event/Workflow_Event__e";

    private static readonly Dictionary<string, WorkflowEventType> EventTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["stage_change"] = WorkflowEventType.StageChange,
        ["handoff"] = WorkflowEventType.Handoff,
        ["notification"] = WorkflowEventType.Notification,
        ["sla_breach"] = WorkflowEventType.SlaBreach,
        ["record_created"] = WorkflowEventType.RecordCreated,
    };

    /// <exception cref="FormatException">Record_Id__c or Event_Type__c is missing, or the event type is not one of the known ones.</exception>
    public static WorkflowEvent Normalize(
        PlatformEvent message, ActorDirectory actors, IReadOnlyDictionary<string, string>? recordMarkets = null, NormalizationRules? rules = null)
    {
        rules ??= NormalizationRules.Default;
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(actors);
        var recordId = Required(message, "Record_Id__c");
        var typeText = Required(message, "Event_Type__c");
        if (!EventTypes.TryGetValue(typeText, out var eventType))
        {
            throw new FormatException(
                $"Workflow_Event__e {message.EventId}: Event_Type__c '{typeText}' is not one of {string.Join(", ", EventTypes.Keys)}.");
        }

        var actor = actors.Resolve(message.CreatedById);
        var market = recordMarkets is not null && recordMarkets.TryGetValue(recordId, out var recordMarket) ? recordMarket : actor.Market;
        var automationId = message["Automation_Id__c"];
        // The event is published by the automation itself, so the step is automated whoever's id it carries.
        var channel = string.IsNullOrEmpty(automationId)
            ? ChannelClassifier.ForHistory(actor.Kind)
            : new ChannelAttribution(Channel.Automation, null, null, AttributionConfidence.Certain, ChannelAttribution.AnnouncedBy(automationId));
        var objectName = message["Object_Name__c"] ?? "";
        var movement = eventType == WorkflowEventType.StageChange
            ? rules.Workflow.MovementOf(objectName, message["Stage_Before__c"], message["Stage_After__c"])
            : null;
        return new WorkflowEvent(
            SourceKey: SourceKeyOf(message),
            EventType: eventType,
            ObjectName: objectName,
            RecordId: recordId,
            OccurredAt: message.CreatedDate,
            StageBefore: message["Stage_Before__c"],
            StageAfter: message["Stage_After__c"],
            OwnerBefore: message["Owner_Before__c"],
            OwnerAfter: message["Owner_After__c"],
            ActorId: message.CreatedById,
            ActorKind: actor.Kind,
            Team: actor.Team,
            Channel: channel.Channel,
            SlaClockState: message["Sla_Clock_State__c"],
            AutomationId: automationId,
            CorrelationId: message["Correlation_Id__c"] is { Length: > 0 } correlation ? correlation : SourceKeyOf(message),
            Market: market)
        {
            Confidence = channel.Confidence,
            Evidence = channel.Evidence,
            StageDirection = movement?.Direction,
            StagesSkipped = movement?.StagesSkipped,
            HandoffKind = eventType == WorkflowEventType.Handoff ? OwnerIds.HandoffOf(message["Owner_Before__c"], message["Owner_After__c"]) : null,
        };
    }

    /// <summary><c>pe:&lt;topic&gt;:&lt;replay id hex&gt;</c>: a replayed event adds nothing.</summary>
    public static string SourceKeyOf(PlatformEvent message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return $"pe:{message.Topic}:{Convert.ToHexStringLower(message.ReplayId)}";
    }

    private static string Required(PlatformEvent message, string field) =>
        message[field] is { Length: > 0 } value
            ? value
            : throw new FormatException($"Workflow_Event__e {message.EventId} has no {field}.");
}
