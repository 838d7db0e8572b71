using CrmSignalWorker.Core.Changes;
using CrmSignalWorker.Storage;
using Npgsql;
using NpgsqlTypes;

namespace CrmSignalWorker.Benchmarks;

/// <summary>
/// The baseline: what ChangeStore would be without COPY. One parameterised
/// <c>INSERT … ON CONFLICT (source_key) DO NOTHING</c> per row, one round trip each, all rows and the same
/// checkpoint upsert in one transaction. Deliberately a fair baseline rather than a straw man: one command per
/// table is reused with positional parameters typed once, so the client does no per-row SQL rewriting or
/// reflection (Dapper would add both). It is not explicitly prepared, as naive code would not be.
/// </summary>
internal sealed class PerRowInsertIngest(NpgsqlDataSource dataSource) : IIngestMethod
{
    // Same columns as field_change and workflow_event in Migrations/, in ChangeStore's order. The month partition key
    // (0006) is computed from the timestamp parameter by the same expression ChangeStore's staging tables use.
    private const string FieldChangeSql =
        """
        INSERT INTO field_change (source_key, source, object_name, record_id, field, old_value, new_value, changed_at,
                                  actor_id, actor_kind, team, channel, client_name, correlation_id, market, write_key, changed_month)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, (date_trunc('month', $8 AT TIME ZONE 'UTC'))::date)
        ON CONFLICT DO NOTHING
        """;

    private const string WorkflowEventSql =
        """
        INSERT INTO workflow_event (source_key, event_type, object_name, record_id, occurred_at, stage_before, stage_after,
                                    owner_before, owner_after, actor_id, actor_kind, team, channel, sla_clock_state,
                                    automation_id, correlation_id, market, write_key, occurred_month)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, (date_trunc('month', $5 AT TIME ZONE 'UTC'))::date)
        ON CONFLICT DO NOTHING
        """;

    // The statement ChangeStore's CheckpointWriter runs, so both methods do the same non-row work.
    private const string CheckpointSql =
        """
        INSERT INTO checkpoint (stream, watermark, replay_id, updated_at)
        VALUES ($1, $2, $3, $4)
        ON CONFLICT (stream) DO UPDATE
           SET watermark = EXCLUDED.watermark, replay_id = EXCLUDED.replay_id, updated_at = EXCLUDED.updated_at
        """;

    public string Name => "per-row INSERT";

    public async Task<int> IngestAsync(Page page, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var inserted = 0;

        if (page.Batch.FieldChanges.Count > 0)
        {
            await using var command = Command(connection, tx, FieldChangeSql, FieldChangeTypes);
            var p = command.Parameters;
            foreach (var c in page.Batch.FieldChanges)
            {
                p[0].Value = c.SourceKey;
                p[1].Value = DbText.Of(c.Source);
                p[2].Value = c.ObjectName;
                p[3].Value = c.RecordId;
                p[4].Value = c.Field;
                p[5].Value = OrNull(c.OldValue);
                p[6].Value = OrNull(c.NewValue);
                p[7].Value = c.ChangedAt.ToUniversalTime();
                p[8].Value = OrNull(c.ActorId);
                p[9].Value = DbText.Of(c.ActorKind);
                p[10].Value = OrNull(c.Team);
                p[11].Value = DbText.Of(c.Channel);
                p[12].Value = OrNull(c.ClientName);
                p[13].Value = c.CorrelationId;
                p[14].Value = c.Market;
                p[15].Value = c.WriteKey;
                inserted += await command.ExecuteNonQueryAsync(ct);
            }
        }

        if (page.Batch.WorkflowEvents.Count > 0)
        {
            await using var command = Command(connection, tx, WorkflowEventSql, WorkflowEventTypes);
            var p = command.Parameters;
            foreach (var e in page.Batch.WorkflowEvents)
            {
                p[0].Value = e.SourceKey;
                p[1].Value = DbText.Of(e.EventType);
                p[2].Value = e.ObjectName;
                p[3].Value = e.RecordId;
                p[4].Value = e.OccurredAt.ToUniversalTime();
                p[5].Value = OrNull(e.StageBefore);
                p[6].Value = OrNull(e.StageAfter);
                p[7].Value = OrNull(e.OwnerBefore);
                p[8].Value = OrNull(e.OwnerAfter);
                p[9].Value = OrNull(e.ActorId);
                p[10].Value = DbText.Of(e.ActorKind);
                p[11].Value = OrNull(e.Team);
                p[12].Value = DbText.Of(e.Channel);
                p[13].Value = OrNull(e.SlaClockState);
                p[14].Value = OrNull(e.AutomationId);
                p[15].Value = e.CorrelationId;
                p[16].Value = e.Market;
                p[17].Value = e.WriteKey;
                inserted += await command.ExecuteNonQueryAsync(ct);
            }
        }

        await using (var checkpoint = Command(connection, tx, CheckpointSql, CheckpointTypes))
        {
            var p = checkpoint.Parameters;
            p[0].Value = page.Checkpoint.Stream;
            p[1].Value = page.Checkpoint.Watermark is { } watermark ? watermark.ToUniversalTime() : DBNull.Value;
            p[2].Value = page.Checkpoint.ReplayId is { } replayId ? replayId : DBNull.Value;
            p[3].Value = TimeProvider.System.GetUtcNow();
            await checkpoint.ExecuteNonQueryAsync(ct);
        }

        await tx.CommitAsync(ct);
        return inserted;
    }

    private static readonly NpgsqlDbType[] FieldChangeTypes =
    [
        NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text,
        NpgsqlDbType.Text, NpgsqlDbType.TimestampTz, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text,
        NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text,
    ];

    private static readonly NpgsqlDbType[] WorkflowEventTypes =
    [
        NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.TimestampTz, NpgsqlDbType.Text,
        NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text,
        NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text,
    ];

    private static readonly NpgsqlDbType[] CheckpointTypes =
        [NpgsqlDbType.Text, NpgsqlDbType.TimestampTz, NpgsqlDbType.Bytea, NpgsqlDbType.TimestampTz];

    private static NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction tx, string sql, NpgsqlDbType[] types)
    {
        var command = new NpgsqlCommand(sql, connection, tx);
        foreach (var type in types)
        {
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = type });
        }

        return command;
    }

    private static object OrNull(string? value) => value is null ? DBNull.Value : value;
}
