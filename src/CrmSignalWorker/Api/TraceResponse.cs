using System.Text.Json.Serialization;
using CrmSignalWorker.Core.Trace;

namespace CrmSignalWorker.Api;

/// <summary>
/// The body of GET /trace/{recordId}. An object at the top so that the analysis of issue 5 (first divergence,
/// causing step, configuration changes) joins as new members without changing what is here:
/// <code>{"recordId":"006…","record":{…},"timeline":[{"kind":"field_write","at":…,"actor":{…},…,"fieldWrite":{…}}],"truncated":false}</code>
/// Every entry carries the same common members (null where its source has no value); the kind's own members sit in
/// <c>fieldWrite</c> or <c>workflowEvent</c>.
/// </summary>
public sealed record TraceResponse(string RecordId, TraceRecordBody? Record, IReadOnlyList<TraceEntryBody> Timeline, bool Truncated)
{
    public static TraceResponse From(RecordTimeline timeline)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        return new TraceResponse(
            timeline.RecordId,
            timeline.Record is { } r ? new TraceRecordBody(r.ObjectName, r.Name, r.OwnerId, r.Market, r.ModifiedAt) : null,
            timeline.Entries.Select(TraceEntryBody.From).ToList(),
            timeline.Truncated);
    }
}

public sealed record TraceRecordBody(string ObjectName, string? Name, string? OwnerId, string? Market, DateTimeOffset ModifiedAt);

public sealed record TraceActorBody(string? Id, string Kind, string? Team);

public sealed record TraceEntryBody(
    string Kind,
    DateTimeOffset At,
    string ObjectName,
    TraceActorBody Actor,
    string Channel,
    string? ClientName,
    string CorrelationId,
    string? AutomationId,
    string Market,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] TraceFieldWriteBody? FieldWrite,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] TraceWorkflowEventBody? WorkflowEvent)
{
    public const string FieldWriteKind = "field_write";

    public const string WorkflowEventKind = "workflow_event";

    public static TraceEntryBody From(TimelineEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var isWrite = entry.Kind == TimelineEntryKind.FieldWrite;
        return new TraceEntryBody(
            isWrite ? FieldWriteKind : WorkflowEventKind,
            entry.At,
            entry.ObjectName,
            new TraceActorBody(entry.ActorId, entry.ActorKind, entry.Team),
            entry.Channel,
            entry.ClientName,
            entry.CorrelationId,
            entry.AutomationId,
            entry.Market,
            isWrite ? new TraceFieldWriteBody(entry.Field!, entry.OldValue, entry.NewValue, entry.Source!) : null,
            isWrite ? null : new TraceWorkflowEventBody(entry.EventType!, entry.StageBefore, entry.StageAfter, entry.OwnerBefore, entry.OwnerAfter, entry.SlaClockState));
    }
}

/// <param name="Source">cdc or history: which feed delivered the write first.</param>
public sealed record TraceFieldWriteBody(string Field, string? OldValue, string? NewValue, string Source);

public sealed record TraceWorkflowEventBody(string EventType, string? StageBefore, string? StageAfter, string? OwnerBefore, string? OwnerAfter, string? SlaClockState);
