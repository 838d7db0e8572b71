using Npgsql;
using NpgsqlTypes;

namespace CrmSignalWorker.Benchmarks.ChangeStream;

/// <summary>
/// The baseline: the stored rows written with nothing but binary COPY straight into field_change and workflow_event,
/// in one transaction, every value written with its type (no boxing, no staging table, no conflict handling, no
/// checkpoint). This is the most the same rows can get into the same tables per second through this client and
/// server; the pipeline is measured against it.
/// </summary>
internal sealed class PlainCopy(NpgsqlDataSource dataSource)
{
    // ChangeStore's columns, in its order (ChangeStore.FieldChangeColumns and WorkflowEventColumns), and the partition
    // key (migration 0007), which has no default and is part of every unique key.
    private const string FieldChangeCopy =
        """
        COPY field_change (source_key, write_key, source, object_name, record_id, field, old_value, new_value, changed_at,
                           actor_id, actor_kind, team, channel, client_name, correlation_id, market, changed_month)
        FROM STDIN (FORMAT BINARY)
        """;

    private const string WorkflowEventCopy =
        """
        COPY workflow_event (source_key, write_key, event_type, object_name, record_id, occurred_at, stage_before, stage_after,
                             owner_before, owner_after, actor_id, actor_kind, team, channel, sla_clock_state, automation_id,
                             correlation_id, market, occurred_month)
        FROM STDIN (FORMAT BINARY)
        """;

    public async Task WriteAsync(StoredRows rows, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await CopyFieldChangesAsync(connection, rows.FieldChanges, ct);
        await CopyWorkflowEventsAsync(connection, rows.WorkflowEvents, ct);
        await tx.CommitAsync(ct);
    }

    private static async Task CopyFieldChangesAsync(NpgsqlConnection connection, IReadOnlyList<FieldChangeRow> rows, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return;
        }

        await using var importer = await connection.BeginBinaryImportAsync(FieldChangeCopy, ct);
        foreach (var r in rows)
        {
            await importer.StartRowAsync(ct);
            await TextAsync(importer, r.SourceKey, ct);
            await TextAsync(importer, r.WriteKey, ct);
            await TextAsync(importer, r.Source, ct);
            await TextAsync(importer, r.ObjectName, ct);
            await TextAsync(importer, r.RecordId, ct);
            await TextAsync(importer, r.Field, ct);
            await TextAsync(importer, r.OldValue, ct);
            await TextAsync(importer, r.NewValue, ct);
            await importer.WriteAsync(r.ChangedAt, NpgsqlDbType.TimestampTz, ct);
            await TextAsync(importer, r.ActorId, ct);
            await TextAsync(importer, r.ActorKind, ct);
            await TextAsync(importer, r.Team, ct);
            await TextAsync(importer, r.Channel, ct);
            await TextAsync(importer, r.ClientName, ct);
            await TextAsync(importer, r.CorrelationId, ct);
            await TextAsync(importer, r.Market, ct);
            await importer.WriteAsync(r.ChangedMonth, NpgsqlDbType.Date, ct);
        }

        await importer.CompleteAsync(ct);
    }

    private static async Task CopyWorkflowEventsAsync(NpgsqlConnection connection, IReadOnlyList<WorkflowEventRow> rows, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return;
        }

        await using var importer = await connection.BeginBinaryImportAsync(WorkflowEventCopy, ct);
        foreach (var r in rows)
        {
            await importer.StartRowAsync(ct);
            await TextAsync(importer, r.SourceKey, ct);
            await TextAsync(importer, r.WriteKey, ct);
            await TextAsync(importer, r.EventType, ct);
            await TextAsync(importer, r.ObjectName, ct);
            await TextAsync(importer, r.RecordId, ct);
            await importer.WriteAsync(r.OccurredAt, NpgsqlDbType.TimestampTz, ct);
            await TextAsync(importer, r.StageBefore, ct);
            await TextAsync(importer, r.StageAfter, ct);
            await TextAsync(importer, r.OwnerBefore, ct);
            await TextAsync(importer, r.OwnerAfter, ct);
            await TextAsync(importer, r.ActorId, ct);
            await TextAsync(importer, r.ActorKind, ct);
            await TextAsync(importer, r.Team, ct);
            await TextAsync(importer, r.Channel, ct);
            await TextAsync(importer, r.SlaClockState, ct);
            await TextAsync(importer, r.AutomationId, ct);
            await TextAsync(importer, r.CorrelationId, ct);
            await TextAsync(importer, r.Market, ct);
            await importer.WriteAsync(r.OccurredMonth, NpgsqlDbType.Date, ct);
        }

        await importer.CompleteAsync(ct);
    }

    private static Task TextAsync(NpgsqlBinaryImporter importer, string? value, CancellationToken ct) =>
        value is null ? importer.WriteNullAsync(ct) : importer.WriteAsync(value, NpgsqlDbType.Text, ct);
}
