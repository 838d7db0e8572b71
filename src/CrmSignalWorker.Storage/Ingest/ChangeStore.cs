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

        var fieldChanges = await StagedCopy.WriteAsync(connection, tx, "field_change", "source_key", FieldChangeColumns, batch.FieldChanges, ct);
        var workflowEvents = await StagedCopy.WriteAsync(connection, tx, "workflow_event", "source_key", WorkflowEventColumns, batch.WorkflowEvents, ct);
        var snapshots = await StagedCopy.WriteAsync(connection, tx, "opportunity_snapshot", "id", SnapshotColumns, batch.Snapshots, ct);
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

    /// <summary>Records that <paramref name="stream"/> was read to its end by a poll that started at <paramref name="polledAt"/>.</summary>
    public async Task MarkPolledAsync(string stream, DateTimeOffset polledAt, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO checkpoint (stream, polled_at, updated_at) VALUES (@stream, @polledAt, @polledAt)
            ON CONFLICT (stream) DO UPDATE SET polled_at = GREATEST(checkpoint.polled_at, EXCLUDED.polled_at)
            """, new { stream, polledAt = polledAt.ToUniversalTime() }, cancellationToken: ct));
    }

    /// <summary>The instant up to which every one of <paramref name="streams"/> has been read, or null if one never was.</summary>
    public async Task<DateTimeOffset?> PolledThroughAsync(IReadOnlyCollection<string> streams, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var row = await connection.QuerySingleAsync<PolledRow>(new CommandDefinition(
            """
            SELECT count(polled_at)::int AS Polled, min(polled_at) AS Through
              FROM checkpoint WHERE stream = ANY(@streams)
            """, new { streams = streams.ToArray() }, cancellationToken: ct));
        return row.Polled == streams.Count && row.Through is { } through
            ? new DateTimeOffset(DateTime.SpecifyKind(through, DateTimeKind.Utc))
            : null;
    }

    private sealed class PolledRow
    {
        public int Polled { get; set; }
        public DateTime? Through { get; set; }
    }

    private sealed class CheckpointRow
    {
        public string Stream { get; set; } = "";
        public DateTime? Watermark { get; set; }
        public byte[]? ReplayId { get; set; }
    }

    private static readonly StagedColumn<FieldChange>[] FieldChangeColumns =
    [
        new("source_key", NpgsqlDbType.Text, c => c.SourceKey),
        new("source", NpgsqlDbType.Text, c => DbText.Of(c.Source)),
        new("object_name", NpgsqlDbType.Text, c => c.ObjectName),
        new("record_id", NpgsqlDbType.Text, c => c.RecordId),
        new("field", NpgsqlDbType.Text, c => c.Field),
        new("old_value", NpgsqlDbType.Text, c => c.OldValue),
        new("new_value", NpgsqlDbType.Text, c => c.NewValue),
        new("changed_at", NpgsqlDbType.TimestampTz, c => c.ChangedAt.ToUniversalTime()),
        new("actor_id", NpgsqlDbType.Text, c => c.ActorId),
        new("actor_kind", NpgsqlDbType.Text, c => DbText.Of(c.ActorKind)),
        new("team", NpgsqlDbType.Text, c => c.Team),
        new("channel", NpgsqlDbType.Text, c => DbText.Of(c.Channel)),
        new("client_name", NpgsqlDbType.Text, c => c.ClientName),
        new("correlation_id", NpgsqlDbType.Text, c => c.CorrelationId),
        new("market", NpgsqlDbType.Text, c => c.Market),
    ];

    private static readonly StagedColumn<WorkflowEvent>[] WorkflowEventColumns =
    [
        new("source_key", NpgsqlDbType.Text, e => e.SourceKey),
        new("event_type", NpgsqlDbType.Text, e => DbText.Of(e.EventType)),
        new("object_name", NpgsqlDbType.Text, e => e.ObjectName),
        new("record_id", NpgsqlDbType.Text, e => e.RecordId),
        new("occurred_at", NpgsqlDbType.TimestampTz, e => e.OccurredAt.ToUniversalTime()),
        new("stage_before", NpgsqlDbType.Text, e => e.StageBefore),
        new("stage_after", NpgsqlDbType.Text, e => e.StageAfter),
        new("owner_before", NpgsqlDbType.Text, e => e.OwnerBefore),
        new("owner_after", NpgsqlDbType.Text, e => e.OwnerAfter),
        new("actor_id", NpgsqlDbType.Text, e => e.ActorId),
        new("actor_kind", NpgsqlDbType.Text, e => DbText.Of(e.ActorKind)),
        new("team", NpgsqlDbType.Text, e => e.Team),
        new("channel", NpgsqlDbType.Text, e => DbText.Of(e.Channel)),
        new("sla_clock_state", NpgsqlDbType.Text, e => e.SlaClockState),
        new("automation_id", NpgsqlDbType.Text, e => e.AutomationId),
        new("correlation_id", NpgsqlDbType.Text, e => e.CorrelationId),
        new("market", NpgsqlDbType.Text, e => e.Market),
    ];

    private static readonly StagedColumn<OpportunitySnapshot>[] SnapshotColumns =
    [
        new("id", NpgsqlDbType.Text, s => s.Id),
        new("opportunity_id", NpgsqlDbType.Text, s => s.OpportunityId),
        new("stage_name", NpgsqlDbType.Text, s => s.StageName),
        new("amount", NpgsqlDbType.Numeric, s => s.Amount),
        new("close_date", NpgsqlDbType.Date, s => s.CloseDate),
        new("probability", NpgsqlDbType.Numeric, s => s.Probability),
        new("forecast_category", NpgsqlDbType.Text, s => s.ForecastCategory),
        new("prev_amount", NpgsqlDbType.Numeric, s => s.PrevAmount),
        new("prev_close_date", NpgsqlDbType.Date, s => s.PrevCloseDate),
        new("created_by_id", NpgsqlDbType.Text, s => s.CreatedById),
        new("created_date", NpgsqlDbType.TimestampTz, s => s.CreatedDate.ToUniversalTime()),
    ];
}
