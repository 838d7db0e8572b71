using CrmSignalWorker.Core.Changes;
using CrmSignalWorker.Storage;
using CrmSignalWorker.Storage.Ingest;
using CrmSignalWorker.Storage.Lifecycle;

namespace CrmSignalWorker.Benchmarks.ChangeStream;

/// <summary>A field_change row with every column already computed, as the baseline copies it.</summary>
internal sealed record FieldChangeRow(
    string SourceKey, string WriteKey, string Source, string ObjectName, string RecordId, string Field, string? OldValue,
    string? NewValue, DateTimeOffset ChangedAt, string? ActorId, string ActorKind, string? Team, string Channel,
    string? ClientName, string CorrelationId, string Market, DateOnly ChangedMonth)
{
    public static FieldChangeRow Of(FieldChange c) => new(
        c.SourceKey, c.WriteKey, DbText.Of(c.Source), c.ObjectName, c.RecordId, c.Field, c.OldValue, c.NewValue,
        c.ChangedAt.ToUniversalTime(), c.ActorId, DbText.Of(c.ActorKind), c.Team, DbText.Of(c.Channel), c.ClientName,
        c.CorrelationId, c.Market, MonthPartitionedTable.MonthOf(c.ChangedAt));
}

/// <summary>A workflow_event row with every column already computed, as the baseline copies it.</summary>
internal sealed record WorkflowEventRow(
    string SourceKey, string WriteKey, string EventType, string ObjectName, string RecordId, DateTimeOffset OccurredAt,
    string? StageBefore, string? StageAfter, string? OwnerBefore, string? OwnerAfter, string? ActorId, string ActorKind,
    string? Team, string Channel, string? SlaClockState, string? AutomationId, string CorrelationId, string Market, DateOnly OccurredMonth)
{
    public static WorkflowEventRow Of(WorkflowEvent e) => new(
        e.SourceKey, e.WriteKey, DbText.Of(e.EventType), e.ObjectName, e.RecordId, e.OccurredAt.ToUniversalTime(),
        e.StageBefore, e.StageAfter, e.OwnerBefore, e.OwnerAfter, e.ActorId, DbText.Of(e.ActorKind), e.Team,
        DbText.Of(e.Channel), e.SlaClockState, e.AutomationId, e.CorrelationId, e.Market, MonthPartitionedTable.MonthOf(e.OccurredAt));
}

/// <summary>
/// Normalized rows materialized before timing, so the baseline measures the COPY and nothing else: the derived
/// columns (write keys, enum spellings, UTC instants, partition months) are computed here, not while copying.
/// </summary>
internal sealed record StoredRows(IReadOnlyList<FieldChangeRow> FieldChanges, IReadOnlyList<WorkflowEventRow> WorkflowEvents)
{
    public int Count => FieldChanges.Count + WorkflowEvents.Count;

    public static StoredRows Of(IEnumerable<IngestBatch> batches)
    {
        var fieldChanges = new List<FieldChangeRow>();
        var workflowEvents = new List<WorkflowEventRow>();
        foreach (var batch in batches)
        {
            fieldChanges.AddRange(batch.FieldChanges.Select(FieldChangeRow.Of));
            workflowEvents.AddRange(batch.WorkflowEvents.Select(WorkflowEventRow.Of));
        }

        return new StoredRows(fieldChanges, workflowEvents);
    }
}
