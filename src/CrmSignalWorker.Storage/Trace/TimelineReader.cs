using CrmSignalWorker.Core.Access;
using CrmSignalWorker.Core.Trace;
using CrmSignalWorker.Storage.Scoping;
using Dapper;

namespace CrmSignalWorker.Storage.Trace;

/// <summary>
/// Reads a record's timeline inside a scoped session. The queries carry no market filter of their own: what the
/// caller may not see is invisible to them, so a record of another market reads exactly like one that does not exist.
/// </summary>
public sealed class TimelineReader(MarketScopedReads reads)
{
    /// <summary>The record's first <paramref name="limit"/> entries that <paramref name="scope"/> may see.</summary>
    public async Task<RecordTimeline> ReadAsync(MarketScope scope, string recordId, int limit, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(recordId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var session = await reads.BeginAsync(scope, ct);
        var connection = session.Connection;
        var args = new { recordId, take = limit + 1 };

        var record = await connection.QuerySingleOrDefaultAsync<RecordRow>(new CommandDefinition(
            """
            SELECT id AS Id, object_name AS ObjectName, name AS Name, owner_id AS OwnerId, market AS Market, modified_at AS ModifiedAt
              FROM crm_record
             WHERE id = @recordId
            """, args, session.Transaction, cancellationToken: ct));
        var writes = await connection.QueryAsync<FieldWriteRow>(new CommandDefinition(
            """
            SELECT id AS Id, changed_at AS At, object_name AS ObjectName, actor_id AS ActorId, actor_kind AS ActorKind, team AS Team,
                   channel AS Channel, client_name AS ClientName, correlation_id AS CorrelationId, market AS Market, source AS Source,
                   field AS Field, old_value AS OldValue, new_value AS NewValue
              FROM field_change
             WHERE record_id = @recordId
             ORDER BY changed_at, id
             LIMIT @take
            """, args, session.Transaction, cancellationToken: ct));
        var events = await connection.QueryAsync<WorkflowEventRow>(new CommandDefinition(
            """
            SELECT id AS Id, occurred_at AS At, object_name AS ObjectName, actor_id AS ActorId, actor_kind AS ActorKind, team AS Team,
                   channel AS Channel, correlation_id AS CorrelationId, automation_id AS AutomationId, market AS Market,
                   event_type AS EventType, stage_before AS StageBefore, stage_after AS StageAfter, owner_before AS OwnerBefore,
                   owner_after AS OwnerAfter, sla_clock_state AS SlaClockState
              FROM workflow_event
             WHERE record_id = @recordId
             ORDER BY occurred_at, id
             LIMIT @take
            """, args, session.Transaction, cancellationToken: ct));

        return RecordTimeline.Merge(
            recordId,
            record is null ? null : new TracedRecord(record.Id, record.ObjectName, record.Name, record.OwnerId, record.Market, Utc(record.ModifiedAt)),
            writes.Select(w => new TimelineEntry(
                TimelineEntryKind.FieldWrite, w.Id, Utc(w.At), w.ObjectName, w.ActorId, w.ActorKind, w.Team, w.Channel, w.ClientName, w.CorrelationId, null, w.Market)
            {
                Source = w.Source,
                Field = w.Field,
                OldValue = w.OldValue,
                NewValue = w.NewValue,
            }),
            events.Select(e => new TimelineEntry(
                TimelineEntryKind.WorkflowEvent, e.Id, Utc(e.At), e.ObjectName, e.ActorId, e.ActorKind, e.Team, e.Channel, null, e.CorrelationId, e.AutomationId, e.Market)
            {
                EventType = e.EventType,
                StageBefore = e.StageBefore,
                StageAfter = e.StageAfter,
                OwnerBefore = e.OwnerBefore,
                OwnerAfter = e.OwnerAfter,
                SlaClockState = e.SlaClockState,
            }),
            limit);
    }

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    private sealed class RecordRow
    {
        public string Id { get; set; } = "";

        public string ObjectName { get; set; } = "";

        public string? Name { get; set; }

        public string? OwnerId { get; set; }

        public string? Market { get; set; }

        public DateTime ModifiedAt { get; set; }
    }

    private sealed class FieldWriteRow
    {
        public long Id { get; set; }

        public DateTime At { get; set; }

        public string ObjectName { get; set; } = "";

        public string? ActorId { get; set; }

        public string ActorKind { get; set; } = "";

        public string? Team { get; set; }

        public string Channel { get; set; } = "";

        public string? ClientName { get; set; }

        public string CorrelationId { get; set; } = "";

        public string Market { get; set; } = "";

        public string Source { get; set; } = "";

        public string Field { get; set; } = "";

        public string? OldValue { get; set; }

        public string? NewValue { get; set; }
    }

    private sealed class WorkflowEventRow
    {
        public long Id { get; set; }

        public DateTime At { get; set; }

        public string ObjectName { get; set; } = "";

        public string? ActorId { get; set; }

        public string ActorKind { get; set; } = "";

        public string? Team { get; set; }

        public string Channel { get; set; } = "";

        public string CorrelationId { get; set; } = "";

        public string? AutomationId { get; set; }

        public string Market { get; set; } = "";

        public string EventType { get; set; } = "";

        public string? StageBefore { get; set; }

        public string? StageAfter { get; set; }

        public string? OwnerBefore { get; set; }

        public string? OwnerAfter { get; set; }

        public string? SlaClockState { get; set; }
    }
}
