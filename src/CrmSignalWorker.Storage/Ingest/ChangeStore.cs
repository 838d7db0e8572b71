using CrmSignalWorker.Core.Changes;
using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace CrmSignalWorker.Storage.Ingest;

/// <summary>
/// Writes a source page and its checkpoint in one transaction. Rows go through binary COPY into
/// temporary staging tables and then into the real tables with ON CONFLICT DO NOTHING on the source key,
/// so a re-read page (a restart, an overlapping watermark) adds nothing.
/// </summary>
public sealed class ChangeStore(NpgsqlDataSource dataSource, TimeProvider timeProvider, ILogger<ChangeStore> logger)
{
    public async Task<IngestResult> IngestAsync(IngestBatch batch, Checkpoint checkpoint, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(checkpoint);

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);

        var fieldChanges = batch.FieldChanges.Count == 0 ? 0 : await WriteFieldChangesAsync(connection, tx, batch.FieldChanges, ct);
        var workflowEvents = batch.WorkflowEvents.Count == 0 ? 0 : await WriteWorkflowEventsAsync(connection, tx, batch.WorkflowEvents, ct);
        var snapshots = batch.Snapshots.Count == 0 ? 0 : await WriteSnapshotsAsync(connection, tx, batch.Snapshots, ct);
        var quarantined = 0;
        foreach (var payload in batch.Quarantined)
        {
            quarantined += await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO quarantine (source, source_key, reason, payload, received_at)
                VALUES (@Source, @SourceKey, @Reason, @Payload, @ReceivedAt)
                ON CONFLICT (source, source_key) DO NOTHING
                """, payload, tx, cancellationToken: ct));
        }

        await CheckpointWriter.WriteAsync(connection, tx, checkpoint, timeProvider.GetUtcNow(), ct);
        await tx.CommitAsync(ct);
        var result = new IngestResult(fieldChanges, workflowEvents, snapshots, quarantined);
        logger.Ingested(checkpoint.Stream, fieldChanges, workflowEvents, snapshots, quarantined);
        return result;
    }

    public async Task<Checkpoint?> GetCheckpointAsync(string stream, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<CheckpointRow>(new CommandDefinition(
            "SELECT stream AS Stream, watermark AS Watermark, replay_id AS ReplayId FROM checkpoint WHERE stream = @stream", new { stream }, cancellationToken: ct));
        return row is null
            ? null
            : new Checkpoint(row.Stream, row.Watermark is { } w ? new DateTimeOffset(DateTime.SpecifyKind(w, DateTimeKind.Utc)) : null, row.ReplayId);
    }

    private sealed class CheckpointRow
    {
        public string Stream { get; set; } = "";
        public DateTime? Watermark { get; set; }
        public byte[]? ReplayId { get; set; }
    }

    private static async Task<int> WriteFieldChangesAsync(NpgsqlConnection connection, NpgsqlTransaction tx, IReadOnlyList<FieldChange> rows, CancellationToken ct)
    {
        await connection.ExecuteAsync(new CommandDefinition(
            """
            CREATE TEMP TABLE staged_field_change (
                source_key text, source text, object_name text, record_id text, field text, old_value text, new_value text,
                changed_at timestamptz, actor_id text, actor_kind text, team text, channel text, client_name text,
                correlation_id text, market text) ON COMMIT DROP
            """, transaction: tx, cancellationToken: ct));

        await using (var importer = await connection.BeginBinaryImportAsync(
            "COPY staged_field_change (source_key, source, object_name, record_id, field, old_value, new_value, changed_at, actor_id, actor_kind, team, channel, client_name, correlation_id, market) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var c in rows)
            {
                await importer.StartRowAsync(ct);
                await importer.WriteAsync(c.SourceKey, NpgsqlDbType.Text, ct);
                await importer.WriteAsync(DbText.Of(c.Source), NpgsqlDbType.Text, ct);
                await importer.WriteAsync(c.ObjectName, NpgsqlDbType.Text, ct);
                await importer.WriteAsync(c.RecordId, NpgsqlDbType.Text, ct);
                await importer.WriteAsync(c.Field, NpgsqlDbType.Text, ct);
                await WriteNullableAsync(importer, c.OldValue, ct);
                await WriteNullableAsync(importer, c.NewValue, ct);
                await importer.WriteAsync(c.ChangedAt.ToUniversalTime(), NpgsqlDbType.TimestampTz, ct);
                await WriteNullableAsync(importer, c.ActorId, ct);
                await importer.WriteAsync(DbText.Of(c.ActorKind), NpgsqlDbType.Text, ct);
                await WriteNullableAsync(importer, c.Team, ct);
                await importer.WriteAsync(DbText.Of(c.Channel), NpgsqlDbType.Text, ct);
                await WriteNullableAsync(importer, c.ClientName, ct);
                await importer.WriteAsync(c.CorrelationId, NpgsqlDbType.Text, ct);
                await importer.WriteAsync(c.Market, NpgsqlDbType.Text, ct);
            }

            await importer.CompleteAsync(ct);
        }

        return await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO field_change (source_key, source, object_name, record_id, field, old_value, new_value, changed_at,
                                      actor_id, actor_kind, team, channel, client_name, correlation_id, market)
            SELECT source_key, source, object_name, record_id, field, old_value, new_value, changed_at,
                   actor_id, actor_kind, team, channel, client_name, correlation_id, market
              FROM staged_field_change
            ON CONFLICT (source_key) DO NOTHING
            """, transaction: tx, cancellationToken: ct));
    }

    private static async Task<int> WriteWorkflowEventsAsync(NpgsqlConnection connection, NpgsqlTransaction tx, IReadOnlyList<WorkflowEvent> rows, CancellationToken ct)
    {
        await connection.ExecuteAsync(new CommandDefinition(
            """
            CREATE TEMP TABLE staged_workflow_event (
                source_key text, event_type text, object_name text, record_id text, occurred_at timestamptz,
                stage_before text, stage_after text, owner_before text, owner_after text, actor_id text, actor_kind text,
                team text, channel text, sla_clock_state text, automation_id text, correlation_id text, market text) ON COMMIT DROP
            """, transaction: tx, cancellationToken: ct));

        await using (var importer = await connection.BeginBinaryImportAsync(
            "COPY staged_workflow_event (source_key, event_type, object_name, record_id, occurred_at, stage_before, stage_after, owner_before, owner_after, actor_id, actor_kind, team, channel, sla_clock_state, automation_id, correlation_id, market) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var e in rows)
            {
                await importer.StartRowAsync(ct);
                await importer.WriteAsync(e.SourceKey, NpgsqlDbType.Text, ct);
                await importer.WriteAsync(DbText.Of(e.EventType), NpgsqlDbType.Text, ct);
                await importer.WriteAsync(e.ObjectName, NpgsqlDbType.Text, ct);
                await importer.WriteAsync(e.RecordId, NpgsqlDbType.Text, ct);
                await importer.WriteAsync(e.OccurredAt.ToUniversalTime(), NpgsqlDbType.TimestampTz, ct);
                await WriteNullableAsync(importer, e.StageBefore, ct);
                await WriteNullableAsync(importer, e.StageAfter, ct);
                await WriteNullableAsync(importer, e.OwnerBefore, ct);
                await WriteNullableAsync(importer, e.OwnerAfter, ct);
                await WriteNullableAsync(importer, e.ActorId, ct);
                await importer.WriteAsync(DbText.Of(e.ActorKind), NpgsqlDbType.Text, ct);
                await WriteNullableAsync(importer, e.Team, ct);
                await importer.WriteAsync(DbText.Of(e.Channel), NpgsqlDbType.Text, ct);
                await WriteNullableAsync(importer, e.SlaClockState, ct);
                await WriteNullableAsync(importer, e.AutomationId, ct);
                await importer.WriteAsync(e.CorrelationId, NpgsqlDbType.Text, ct);
                await importer.WriteAsync(e.Market, NpgsqlDbType.Text, ct);
            }

            await importer.CompleteAsync(ct);
        }

        return await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO workflow_event (source_key, event_type, object_name, record_id, occurred_at, stage_before, stage_after,
                                        owner_before, owner_after, actor_id, actor_kind, team, channel, sla_clock_state,
                                        automation_id, correlation_id, market)
            SELECT source_key, event_type, object_name, record_id, occurred_at, stage_before, stage_after,
                   owner_before, owner_after, actor_id, actor_kind, team, channel, sla_clock_state,
                   automation_id, correlation_id, market
              FROM staged_workflow_event
            ON CONFLICT (source_key) DO NOTHING
            """, transaction: tx, cancellationToken: ct));
    }

    private static async Task<int> WriteSnapshotsAsync(NpgsqlConnection connection, NpgsqlTransaction tx, IReadOnlyList<OpportunitySnapshot> rows, CancellationToken ct)
    {
        await connection.ExecuteAsync(new CommandDefinition(
            """
            CREATE TEMP TABLE staged_opportunity_snapshot (
                id text, opportunity_id text, stage_name text, amount numeric, close_date date, probability numeric,
                forecast_category text, prev_amount numeric, prev_close_date date, created_by_id text, created_date timestamptz) ON COMMIT DROP
            """, transaction: tx, cancellationToken: ct));

        await using (var importer = await connection.BeginBinaryImportAsync(
            "COPY staged_opportunity_snapshot (id, opportunity_id, stage_name, amount, close_date, probability, forecast_category, prev_amount, prev_close_date, created_by_id, created_date) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var s in rows)
            {
                await importer.StartRowAsync(ct);
                await importer.WriteAsync(s.Id, NpgsqlDbType.Text, ct);
                await importer.WriteAsync(s.OpportunityId, NpgsqlDbType.Text, ct);
                await WriteNullableAsync(importer, s.StageName, ct);
                await WriteNullableAsync(importer, s.Amount, NpgsqlDbType.Numeric, ct);
                await WriteNullableAsync(importer, s.CloseDate, NpgsqlDbType.Date, ct);
                await WriteNullableAsync(importer, s.Probability, NpgsqlDbType.Numeric, ct);
                await WriteNullableAsync(importer, s.ForecastCategory, ct);
                await WriteNullableAsync(importer, s.PrevAmount, NpgsqlDbType.Numeric, ct);
                await WriteNullableAsync(importer, s.PrevCloseDate, NpgsqlDbType.Date, ct);
                await importer.WriteAsync(s.CreatedById, NpgsqlDbType.Text, ct);
                await importer.WriteAsync(s.CreatedDate.ToUniversalTime(), NpgsqlDbType.TimestampTz, ct);
            }

            await importer.CompleteAsync(ct);
        }

        return await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO opportunity_snapshot (id, opportunity_id, stage_name, amount, close_date, probability, forecast_category,
                                              prev_amount, prev_close_date, created_by_id, created_date)
            SELECT id, opportunity_id, stage_name, amount, close_date, probability, forecast_category,
                   prev_amount, prev_close_date, created_by_id, created_date
              FROM staged_opportunity_snapshot
            ON CONFLICT (id) DO NOTHING
            """, transaction: tx, cancellationToken: ct));
    }

    private static Task WriteNullableAsync(NpgsqlBinaryImporter importer, string? value, CancellationToken ct) =>
        value is null ? importer.WriteNullAsync(ct) : importer.WriteAsync(value, NpgsqlDbType.Text, ct);

    private static Task WriteNullableAsync<T>(NpgsqlBinaryImporter importer, T? value, NpgsqlDbType type, CancellationToken ct)
        where T : struct =>
        value is { } v ? importer.WriteAsync(v, type, ct) : importer.WriteNullAsync(ct);
}
