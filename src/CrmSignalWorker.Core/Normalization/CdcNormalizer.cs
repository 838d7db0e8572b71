using CrmSignalWorker.Core.Actors;
using CrmSignalWorker.Core.Changes;

namespace CrmSignalWorker.Core.Normalization;

/// <summary>
/// Turns a Change Data Capture event into field writes with actor and channel, and derives the same
/// workflow events as history does. CDC carries no old values, so <see cref="FieldChange.OldValue"/> is null.
/// </summary>
public static class CdcNormalizer
{
    /// <summary>Bookkeeping fields every update touches; they say nothing about the workflow.</summary>
    public static IReadOnlySet<string> IgnoredFields { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "LastModifiedDate", "LastModifiedById", "SystemModstamp",
    };

    /// <summary>
    /// One field change per record id × changed or nulled field (UPDATE), or one <c>created</c>/<c>deleted</c>/<c>undeleted</c>
    /// change per record id. Gap and overflow events produce nothing: their header has no values, and the caller
    /// re-reads the records (or the entity) instead. Wildcard ids such as <c>001*</c> (field type conversions) name
    /// no record and are skipped.
    /// </summary>
    /// <param name="recordMarkets">Record id → the record's market; a record not synced yet falls back to the writer's market.</param>
    public static NormalizedBatch Normalize(
        ChangeEvent changeEvent, ActorDirectory actors, IReadOnlyDictionary<string, string>? recordMarkets = null, NormalizationRules? rules = null)
    {
        ArgumentNullException.ThrowIfNull(changeEvent);
        ArgumentNullException.ThrowIfNull(actors);
        rules ??= NormalizationRules.Default;

        var header = changeEvent.Header;
        var fields = FieldsOf(header);
        if (changeEvent.IsGap || fields.Count == 0)
        {
            return new NormalizedBatch([], []);
        }

        var actor = actors.Resolve(header.CommitUser);
        var channel = ChangeOriginClassifier.Classify(header.ChangeOrigin, actor.Kind, rules.Channels);
        var diffFields = new HashSet<string>(header.DiffFields, StringComparer.Ordinal);
        var changes = new List<FieldChange>();
        var events = new List<WorkflowEvent>();
        foreach (var recordId in header.RecordIds.Where(id => !string.IsNullOrEmpty(id) && !id.Contains('*', StringComparison.Ordinal)))
        {
            var market = recordMarkets is not null && recordMarkets.TryGetValue(recordId, out var recordMarket) ? recordMarket : actor.Market;
            foreach (var field in fields)
            {
                var change = new FieldChange(
                    SourceKey: SourceKeyOf(changeEvent, recordId, field),
                    Source: ChangeSource.Cdc,
                    ObjectName: header.EntityName,
                    RecordId: recordId,
                    Field: field,
                    OldValue: null,
                    NewValue: NewValueOf(changeEvent, field, diffFields),
                    ChangedAt: header.CommitTimestamp,
                    ActorId: header.CommitUser,
                    ActorKind: actor.Kind,
                    Team: actor.Team,
                    Channel: channel.Channel,
                    ClientName: channel.ClientName,
                    CorrelationId: header.TransactionKey,
                    Market: market)
                {
                    Confidence = channel.Confidence,
                    Evidence = channel.Evidence,
                    IntegrationName = channel.IntegrationName,
                };
                changes.Add(change);
                if (HistoryNormalizer.ToWorkflowEvent(change, rules.Workflow) is { } workflowEvent)
                {
                    events.Add(workflowEvent);
                }
            }

            if (MergedInto(changeEvent) is { } survivor && survivor != recordId)
            {
                events.Add(MergeEvent(changeEvent, recordId, survivor, actor, channel, market));
            }
        }

        return new NormalizedBatch(changes, events);
    }

    /// <summary>
    /// A merge deletes the losing records and sets their MasterRecordId to the survivor; a DELETE that carries it is the
    /// merged-away side of a merge, and certain about both ids. Salesforce has no MERGE change type.
    /// </summary>
    private static string? MergedInto(ChangeEvent changeEvent) =>
        changeEvent.Header.ChangeType == ChangeEventTypes.Delete
        && changeEvent.Fields.TryGetValue("MasterRecordId", out var master) && !string.IsNullOrEmpty(master)
            ? master
            : null;

    private static WorkflowEvent MergeEvent(
        ChangeEvent changeEvent, string mergedAway, string survivor, Actor actor, ChannelAttribution channel, string market)
    {
        var header = changeEvent.Header;
        var sourceKey = SourceKeyOf(changeEvent, mergedAway, "merged");
        return new WorkflowEvent(
            SourceKey: sourceKey,
            EventType: WorkflowEventType.RecordMerged,
            ObjectName: header.EntityName,
            RecordId: survivor,
            OccurredAt: header.CommitTimestamp,
            StageBefore: null,
            StageAfter: null,
            OwnerBefore: null,
            OwnerAfter: null,
            ActorId: header.CommitUser,
            ActorKind: actor.Kind,
            Team: actor.Team,
            Channel: channel.Channel,
            SlaClockState: null,
            AutomationId: null,
            CorrelationId: header.TransactionKey,
            Market: market)
        {
            Confidence = channel.Confidence,
            Evidence = channel.Evidence,
            RelatedRecordId = mergedAway,
        };
    }

    /// <summary><c>cdc:&lt;replay id hex&gt;:&lt;record id&gt;:&lt;field&gt;</c>; unique per event, record and field, so a replayed event adds nothing.</summary>
    public static string SourceKeyOf(ChangeEvent changeEvent, string recordId, string field)
    {
        ArgumentNullException.ThrowIfNull(changeEvent);
        return $"cdc:{Convert.ToHexStringLower(changeEvent.ReplayId)}:{recordId}:{field}";
    }

    private static List<string> FieldsOf(ChangeEventHeader header) => header.ChangeType switch
    {
        ChangeEventTypes.Create => [SalesforceObjects.CreatedField],
        ChangeEventTypes.Delete => ["deleted"],
        ChangeEventTypes.Undelete => ["undeleted"],
        ChangeEventTypes.Update => header.ChangedFields
            .Concat(header.NulledFields)
            .Where(field => !IgnoredFields.Contains(field))
            .Distinct(StringComparer.Ordinal)
            .ToList(),
        _ => [],
    };

    // A diff field's value is a unified diff of a long text, not the text; storing it as the new value would mislead.
    private static string? NewValueOf(ChangeEvent changeEvent, string field, HashSet<string> diffFields) =>
        !diffFields.Contains(field) && changeEvent.Fields.TryGetValue(field, out var value) ? value : null;
}
