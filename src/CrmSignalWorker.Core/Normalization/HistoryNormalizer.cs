using System.Globalization;
using CrmSignalWorker.Core.Actors;
using CrmSignalWorker.Core.Changes;
using CrmSignalWorker.Core.Workflow;

namespace CrmSignalWorker.Core.Normalization;

/// <summary>
/// Turns field-history rows into field writes with actor and channel, and derives the workflow events
/// (stage change, handoff, record created, record merged) those writes stand for.
/// </summary>
public static class HistoryNormalizer
{
    /// <summary>Salesforce writes a lookup change twice; the row holding ids has this data type.</summary>
    private const string EntityIdDataType = "EntityId";

    /// <param name="recordMarkets">Record id → the record's market. A change is segmented by its record's
    /// market; only a record not synced yet falls back to the writer's market.</param>
    public static NormalizedBatch Normalize(
        IEnumerable<HistoryRow> rows, ActorDirectory actors, IReadOnlyDictionary<string, string>? recordMarkets = null, NormalizationRules? rules = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(actors);
        rules ??= NormalizationRules.Default;

        var changes = new List<FieldChange>();
        var events = new List<WorkflowEvent>();
        foreach (var row in rows)
        {
            var actor = actors.Resolve(row.CreatedById);
            var market = recordMarkets is not null && recordMarkets.TryGetValue(row.ParentId, out var recordMarket) ? recordMarket : actor.Market;
            var change = ToFieldChange(row, actor, market);
            changes.Add(change);
            if (ToWorkflowEvent(change, rules.Workflow) is { } workflowEvent)
            {
                events.Add(workflowEvent);
            }
        }

        return new NormalizedBatch(changes, events);
    }

    public static string SourceKeyOf(HistoryRow row) => $"history:{row.HistoryObject}:{row.Id}";

    /// <summary>
    /// History has no transaction id; the writes one user made to one record in the same second are
    /// the closest equivalent, so they share a synthetic correlation id.
    /// </summary>
    public static string CorrelationIdOf(string recordId, string actorId, DateTimeOffset changedAt) =>
        string.Create(CultureInfo.InvariantCulture, $"hist:{recordId}:{actorId}:{changedAt.ToUnixTimeSeconds()}");

    internal static FieldChange ToFieldChange(HistoryRow row, Actor actor, string market)
    {
        var objectName = SalesforceObjects.TrackedObjectOf(row.HistoryObject);
        var field = IsOwnerIdRow(row) ? "OwnerId" : row.Field;
        var channel = ChannelClassifier.ForHistory(actor.Kind);
        return new FieldChange(
            SourceKey: SourceKeyOf(row),
            Source: ChangeSource.History,
            ObjectName: objectName,
            RecordId: row.ParentId,
            Field: field,
            OldValue: row.OldValue,
            NewValue: row.NewValue,
            ChangedAt: row.CreatedDate,
            ActorId: row.CreatedById,
            ActorKind: actor.Kind,
            Team: actor.Team,
            Channel: channel.Channel,
            ClientName: null,
            CorrelationId: CorrelationIdOf(row.ParentId, row.CreatedById, row.CreatedDate),
            Market: market)
        {
            Confidence = channel.Confidence,
            Evidence = channel.Evidence,
        };
    }

    /// <summary>
    /// The workflow event a field write stands for (stage change, handoff, record created, record merged), or null; shared by
    /// every change source.
    /// </summary>
    public static WorkflowEvent? ToWorkflowEvent(FieldChange change, WorkflowRules? workflow = null)
    {
        ArgumentNullException.ThrowIfNull(change);
        WorkflowEventType eventType;
        if (change.Field == SalesforceObjects.StageFieldOf(change.ObjectName))
        {
            eventType = WorkflowEventType.StageChange;
        }
        else if (change.Field == "OwnerId")
        {
            eventType = WorkflowEventType.Handoff;
        }
        else if (change.Field == SalesforceObjects.CreatedField)
        {
            eventType = WorkflowEventType.RecordCreated;
        }
        else if (SalesforceObjects.IsMergeField(change.Field))
        {
            eventType = WorkflowEventType.RecordMerged;
        }
        else
        {
            return null;
        }

        var isStage = eventType == WorkflowEventType.StageChange;
        var isHandoff = eventType == WorkflowEventType.Handoff;
        var movement = isStage ? (workflow ?? WorkflowRules.None).MovementOf(change.ObjectName, change.OldValue, change.NewValue) : null;
        return new WorkflowEvent(
            SourceKey: change.SourceKey,
            EventType: eventType,
            ObjectName: change.ObjectName,
            RecordId: change.RecordId,
            OccurredAt: change.ChangedAt,
            StageBefore: isStage ? change.OldValue : null,
            StageAfter: isStage ? change.NewValue : null,
            OwnerBefore: isHandoff ? change.OldValue : null,
            OwnerAfter: isHandoff ? change.NewValue : null,
            ActorId: change.ActorId,
            ActorKind: change.ActorKind,
            Team: change.Team,
            Channel: change.Channel,
            SlaClockState: null,
            AutomationId: change.AutomationId,
            CorrelationId: change.CorrelationId,
            Market: change.Market)
        {
            WriteKey = WriteKeys.OfDerivedEvent(eventType, change),
            Confidence = change.Confidence,
            Evidence = change.Evidence,
            StageDirection = movement?.Direction,
            StagesSkipped = movement?.StagesSkipped,
            HandoffKind = isHandoff ? OwnerIds.HandoffOf(change.OldValue, change.NewValue) : null,
            RelatedRecordId = eventType == WorkflowEventType.RecordMerged ? MergedAwayIdOf(change) : null,
        };
    }

    /// <summary>
    /// A merge row's values name the merged-away record, usually by its name; only a value that is an id of the same object
    /// (same key prefix) links it. Otherwise ChangeStore links the record deleted by the same user in the same second.
    /// </summary>
    private static string? MergedAwayIdOf(FieldChange change)
    {
        foreach (var value in new[] { change.NewValue, change.OldValue })
        {
            if (value is { Length: 15 or 18 } id && id.All(char.IsAsciiLetterOrDigit) && change.RecordId.Length >= 3
                && id.StartsWith(change.RecordId[..3], StringComparison.Ordinal) && id != change.RecordId)
            {
                return id;
            }
        }

        return null;
    }

    private static bool IsOwnerIdRow(HistoryRow row) =>
        row.Field is "Owner" or "OwnerId" && string.Equals(row.DataType, EntityIdDataType, StringComparison.Ordinal);
}
