using CrmSignalWorker.Core.Changes;
using CrmSignalWorker.Storage.Leases;
using CrmSignalWorker.Storage.Lifecycle;
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
/// <remarks>
/// field_change and workflow_event are partitioned by month and their unique keys include the month, so the staging
/// tables compute it from the row's timestamp (<see cref="MonthPartitionedTable.MonthExpression"/>).
/// </remarks>
public sealed class ChangeStore(NpgsqlDataSource dataSource, TimeProvider timeProvider, ILogger<ChangeStore> logger)
{
    /// <param name="fence">When given, the write commits only while the fence's holder still holds the lease.</param>
    /// <exception cref="LeaseLostException">The lease moved on; nothing was written.</exception>
    /// <remarks>
    /// A batch that carries nothing a stored row could lack (<see cref="CopiesStraight"/>: change-stream batches) is
    /// first copied straight into the tables, which costs what a plain COPY costs. Should any row repeat a stored one
    /// (a re-delivery after a crash, a write history stored first), the unique index refuses the COPY, the transaction
    /// rolls back whole and the batch is written again through staging, where repeats are skipped. Either way the
    /// rows and the checkpoint commit together, once.
    /// </remarks>
    public async Task<IngestResult> IngestAsync(IngestBatch batch, Checkpoint checkpoint, CancellationToken ct, LeaseFence? fence = null)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(checkpoint);

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var result = CopiesStraight(batch) ? await TryCopyStraightAsync(connection, batch, checkpoint, fence, ct) : null;
        if (result is null)
        {
            await using var tx = await connection.BeginTransactionAsync(ct);
            if (fence is not null)
            {
                await LeaseStore.VerifyAsync(connection, tx, fence, ct);
            }

            result = await WriteAsync(connection, tx, batch, ct);
            await CheckpointWriter.WriteAsync(connection, tx, checkpoint, timeProvider.GetUtcNow(), ct);
            await tx.CommitAsync(ct);
        }

        logger.Ingested(checkpoint.Stream, result.FieldChanges, result.WorkflowEvents, result.Snapshots, result.Quarantined);
        return result;
    }

    /// <summary>
    /// Whether every row of <paramref name="batch"/> can be copied straight in: staging exists to skip repeats and to
    /// let a repeat fill a value the stored row lacks (an old value, a stage or owner before). A batch with no such
    /// value (CDC carries none) and no snapshots can only be skipped on a repeat, and a refused COPY tells of that.
    /// </summary>
    internal static bool CopiesStraight(IngestBatch batch) =>
        batch.Snapshots.Count == 0 && !FillsOldValues(batch.FieldChanges) && !FillsBeforeValues(batch.WorkflowEvents);

    /// <returns>Null when a row repeats a stored one; the transaction is rolled back and nothing was written.</returns>
    private async Task<IngestResult?> TryCopyStraightAsync(
        NpgsqlConnection connection, IngestBatch batch, Checkpoint checkpoint, LeaseFence? fence, CancellationToken ct)
    {
        await using var tx = await connection.BeginTransactionAsync(ct);
        if (fence is not null)
        {
            await LeaseStore.VerifyAsync(connection, tx, fence, ct);
        }

        int fieldChanges;
        int workflowEvents;
        try
        {
            fieldChanges = await StagedCopy.CopyAsync(connection, MonthPartitionedTable.FieldChange.Name, FieldChangeCopyColumns, batch.FieldChanges, ct);
            workflowEvents = await StagedCopy.CopyAsync(connection, MonthPartitionedTable.WorkflowEvent.Name, WorkflowEventCopyColumns, batch.WorkflowEvents, ct);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            await tx.RollbackAsync(ct);
            logger.StraightCopyRefused(checkpoint.Stream, ex.ConstraintName);
            return null;
        }

        var quarantined = await InsertQuarantinedAsync(connection, tx, batch.Quarantined, ct);
        await InsertRereadsAsync(connection, tx, batch.Rereads ?? [], ct);
        await WorkflowLinks.ApplyAsync(connection, tx, batch, ct);
        await CheckpointWriter.WriteAsync(connection, tx, checkpoint, timeProvider.GetUtcNow(), ct);
        await tx.CommitAsync(ct);
        return new IngestResult(fieldChanges, workflowEvents, 0, quarantined);
    }

    /// <summary>
    /// Writes one page of a history re-read; the page that <paramref name="completes"/> the re-read also removes the
    /// request, in the same transaction. A crash in between leaves the request queued and the re-read starts over,
    /// which adds nothing that is already stored.
    /// </summary>
    public async Task<IngestResult> IngestRereadAsync(IngestBatch batch, HistoryReread reread, bool completes, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(reread);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var result = await WriteAsync(connection, tx, batch, ct);
        if (completes)
        {
            await connection.ExecuteAsync(new CommandDefinition("DELETE FROM history_reread WHERE id = @Id", new { reread.Id }, tx, cancellationToken: ct));
        }

        await tx.CommitAsync(ct);
        logger.Ingested("reread:" + reread.HistoryObject, result.FieldChanges, result.WorkflowEvents, result.Snapshots, result.Quarantined);
        return result;
    }

    /// <summary>
    /// Writes what a quarantined payload yields once it decodes, and marks it resolved in the same transaction;
    /// false when it was resolved already (by another operator or an earlier re-drive), and then nothing is written.
    /// </summary>
    public async Task<bool> IngestRedrivenAsync(IngestBatch batch, long quarantineId, string resolution, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(batch);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var claimed = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE quarantine SET resolved_at = @now, resolution = @resolution WHERE id = @quarantineId AND resolved_at IS NULL",
            new { quarantineId, resolution, now = timeProvider.GetUtcNow() }, tx, cancellationToken: ct));
        if (claimed == 0)
        {
            return false;
        }

        var result = await WriteAsync(connection, tx, batch, ct);
        await tx.CommitAsync(ct);
        logger.Ingested("redrive:" + quarantineId, result.FieldChanges, result.WorkflowEvents, result.Snapshots, result.Quarantined);
        return true;
    }

    /// <summary>
    /// Writes one page of a backfill: rows only. A backfill re-reads a closed range behind the poll, so it moves no
    /// watermark and no polled-through instant: the next poll must not skip anything, and a digest waiting for complete
    /// history must not be released by it.
    /// </summary>
    public async Task<IngestResult> IngestBackfillAsync(IngestBatch batch, string historyObject, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(batch);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var result = await WriteAsync(connection, tx, batch, ct);
        await tx.CommitAsync(ct);
        logger.Ingested("backfill:" + historyObject, result.FieldChanges, result.WorkflowEvents, result.Snapshots, result.Quarantined);
        return result;
    }

    /// <summary>Re-reads still to do, oldest first.</summary>
    public async Task<IReadOnlyList<HistoryReread>> PendingRereadsAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<RereadRow>(new CommandDefinition(
            """
            SELECT id AS Id, history_object AS HistoryObject, record_ids AS RecordIds, since AS Since, reason AS Reason
              FROM history_reread ORDER BY id
            """, cancellationToken: ct));
        return rows.Select(r => new HistoryReread(r.HistoryObject, r.RecordIds, Utc(r.Since), r.Reason) { Id = r.Id }).ToList();
    }

    /// <summary>
    /// Gives up a change stream's replay id (the server no longer accepts it) and queues the history re-reads that
    /// fill the hole, in one transaction: the stream never restarts elsewhere without its hole being queued. The
    /// stream's watermark stays, as the record of how far it had come.
    /// </summary>
    public async Task AbandonReplayIdAsync(string stream, IReadOnlyList<HistoryReread> rereads, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rereads);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await InsertRereadsAsync(connection, tx, rereads, ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE checkpoint SET replay_id = NULL, updated_at = @now WHERE stream = @stream",
            new { stream, now = timeProvider.GetUtcNow() }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
    }

    private async Task<IngestResult> WriteAsync(NpgsqlConnection connection, NpgsqlTransaction tx, IngestBatch batch, CancellationToken ct)
    {
        // A reconciling UPDATE can only change something when a staged row carries a value to fill in.
        var fieldChanges = await StagedCopy.WriteAsync(
            connection, tx, MonthPartitionedTable.FieldChange.Name, conflictKey: null, FieldChangeColumns, batch.FieldChanges, ct,
            ReconcilesFieldChanges(batch.FieldChanges) ? FillOldValues : null, MonthOf(MonthPartitionedTable.FieldChange));
        var workflowEvents = await StagedCopy.WriteAsync(
            connection, tx, MonthPartitionedTable.WorkflowEvent.Name, conflictKey: null, WorkflowEventColumns, batch.WorkflowEvents, ct,
            ReconcilesWorkflowEvents(batch.WorkflowEvents) ? FillBeforeValues : null, MonthOf(MonthPartitionedTable.WorkflowEvent));
        var snapshots = await StagedCopy.WriteAsync(connection, tx, "opportunity_snapshot", "id", SnapshotColumns, batch.Snapshots, ct);
        var quarantined = await InsertQuarantinedAsync(connection, tx, batch.Quarantined, ct);
        await InsertRereadsAsync(connection, tx, batch.Rereads ?? [], ct);
        await WorkflowLinks.ApplyAsync(connection, tx, batch, ct);
        return new IngestResult(fieldChanges, workflowEvents, snapshots, quarantined);
    }

    private static bool FillsOldValues(IReadOnlyList<FieldChange> changes) => changes.Any(c => c.OldValue is not null);

    private static bool FillsBeforeValues(IReadOnlyList<WorkflowEvent> events) => events.Any(e => e.StageBefore is not null || e.OwnerBefore is not null);

    // CDC replaces the attribution of a write history stored first: a CDC batch that reaches the staged path (a
    // repeat made the straight copy refuse it) may have that to do even without a value to fill in.
    private static bool ReconcilesFieldChanges(IReadOnlyList<FieldChange> changes) => FillsOldValues(changes) || changes.Any(c => c.Source == ChangeSource.Cdc);

    private static bool ReconcilesWorkflowEvents(IReadOnlyList<WorkflowEvent> events) =>
        FillsBeforeValues(events) || events.Any(e => e.SourceKey.StartsWith("cdc:", StringComparison.Ordinal));

    private static async Task<int> InsertQuarantinedAsync(NpgsqlConnection connection, NpgsqlTransaction tx, IReadOnlyList<QuarantinedPayload> payloads, CancellationToken ct)
    {
        var quarantined = 0;
        foreach (var payload in payloads)
        {
            quarantined += await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO quarantine (source, source_key, reason, payload, received_at)
                VALUES (@Source, @SourceKey, @Reason, @Payload, @ReceivedAt)
                ON CONFLICT (source, source_key) DO NOTHING
                """, payload, tx, cancellationToken: ct));
        }

        return quarantined;
    }

    private async Task InsertRereadsAsync(NpgsqlConnection connection, NpgsqlTransaction tx, IReadOnlyList<HistoryReread> rereads, CancellationToken ct)
    {
        var now = timeProvider.GetUtcNow();
        foreach (var reread in rereads)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO history_reread (history_object, record_ids, since, reason, requested_at)
                VALUES (@HistoryObject, @RecordIds, @Since, @Reason, @now)
                """,
                new { reread.HistoryObject, RecordIds = reread.RecordIds.ToArray(), Since = reread.Since.ToUniversalTime(), reread.Reason, now },
                tx,
                cancellationToken: ct));
        }
    }

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

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

    private sealed class RereadRow
    {
        public long Id { get; set; }
        public string HistoryObject { get; set; } = "";
        public string[] RecordIds { get; set; } = [];
        public DateTime Since { get; set; }
        public string Reason { get; set; } = "";
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

    private static ComputedColumn MonthOf(MonthPartitionedTable table) => new(table.MonthColumn, "date", table.MonthExpression);

    // CDC carries no old values and usually arrives first; when history later delivers the same write, its old value
    // fills the gap instead of adding a second row. When history arrived first, CDC's changeOrigin and transactionKey are
    // the better attribution (a history channel is at most inferred from the actor), so they replace history's, unless a
    // Workflow_Event__e already settled the write. The same write is in the same month, and naming it lets each
    // partition's (write_key, month) index answer exactly.
    private const string FillOldValues =
        """
        UPDATE field_change f
           SET old_value = coalesce(f.old_value, s.old_value),
               channel = CASE WHEN s.upgrade AND f.source = 'history' AND f.automation_id IS NULL THEN s.channel ELSE f.channel END,
               client_name = CASE WHEN s.upgrade AND f.source = 'history' AND f.automation_id IS NULL THEN s.client_name ELSE f.client_name END,
               integration_name = CASE WHEN s.upgrade AND f.source = 'history' AND f.automation_id IS NULL THEN s.integration_name ELSE f.integration_name END,
               attribution_confidence = CASE WHEN s.upgrade AND f.source = 'history' AND f.automation_id IS NULL THEN s.attribution_confidence ELSE f.attribution_confidence END,
               attribution_evidence = CASE WHEN s.upgrade AND f.source = 'history' AND f.automation_id IS NULL THEN s.attribution_evidence ELSE f.attribution_evidence END,
               correlation_id = CASE WHEN s.upgrade AND f.source = 'history' AND f.automation_id IS NULL THEN s.correlation_id ELSE f.correlation_id END
          FROM (SELECT *, source = 'cdc' AS upgrade FROM {staging}) AS s
         WHERE f.write_key = s.write_key AND f.changed_month = s.changed_month AND f.source_key <> s.source_key
           AND ((f.old_value IS NULL AND s.old_value IS NOT NULL)
                OR (s.upgrade AND f.source = 'history' AND f.automation_id IS NULL AND f.correlation_id IS DISTINCT FROM s.correlation_id))
        """;

    // The derived event follows its write: history fills the before values CDC lacks (and with them the stage direction and
    // handoff kind, which need both sides); CDC replaces history's attribution as above.
    private const string FillBeforeValues =
        """
        UPDATE workflow_event w
           SET stage_before = coalesce(w.stage_before, s.stage_before),
               owner_before = coalesce(w.owner_before, s.owner_before),
               stage_direction = CASE WHEN w.stage_before IS NULL AND s.stage_before IS NOT NULL THEN s.stage_direction ELSE w.stage_direction END,
               stages_skipped = CASE WHEN w.stage_before IS NULL AND s.stage_before IS NOT NULL THEN s.stages_skipped ELSE w.stages_skipped END,
               handoff_kind = CASE WHEN w.owner_before IS NULL AND s.owner_before IS NOT NULL THEN s.handoff_kind ELSE w.handoff_kind END,
               channel = CASE WHEN s.upgrade AND w.source_key LIKE 'history:%' AND w.automation_id IS NULL THEN s.channel ELSE w.channel END,
               attribution_confidence = CASE WHEN s.upgrade AND w.source_key LIKE 'history:%' AND w.automation_id IS NULL THEN s.attribution_confidence ELSE w.attribution_confidence END,
               attribution_evidence = CASE WHEN s.upgrade AND w.source_key LIKE 'history:%' AND w.automation_id IS NULL THEN s.attribution_evidence ELSE w.attribution_evidence END,
               correlation_id = CASE WHEN s.upgrade AND w.source_key LIKE 'history:%' AND w.automation_id IS NULL THEN s.correlation_id ELSE w.correlation_id END
          FROM (SELECT *, source_key LIKE 'cdc:%' AS upgrade FROM {staging}) AS s
         WHERE w.write_key = s.write_key AND w.occurred_month = s.occurred_month AND w.source_key <> s.source_key
           AND ((w.stage_before IS NULL AND s.stage_before IS NOT NULL) OR (w.owner_before IS NULL AND s.owner_before IS NOT NULL)
                OR (s.upgrade AND w.source_key LIKE 'history:%' AND w.automation_id IS NULL AND w.correlation_id IS DISTINCT FROM s.correlation_id))
        """;

    private static readonly StagedColumn<FieldChange>[] FieldChangeColumns =
    [
        new("source_key", NpgsqlDbType.Text, c => c.SourceKey),
        new("write_key", NpgsqlDbType.Text, c => c.WriteKey),
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
        new("attribution_confidence", NpgsqlDbType.Text, c => DbText.Of(c.Confidence)),
        new("attribution_evidence", NpgsqlDbType.Text, c => c.Evidence),
        new("integration_name", NpgsqlDbType.Text, c => c.IntegrationName),
        new("automation_id", NpgsqlDbType.Text, c => c.AutomationId),
    ];

    private static readonly StagedColumn<WorkflowEvent>[] WorkflowEventColumns =
    [
        new("source_key", NpgsqlDbType.Text, e => e.SourceKey),
        new("write_key", NpgsqlDbType.Text, e => e.WriteKey),
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
        new("attribution_confidence", NpgsqlDbType.Text, e => DbText.Of(e.Confidence)),
        new("attribution_evidence", NpgsqlDbType.Text, e => e.Evidence),
        new("stage_direction", NpgsqlDbType.Text, e => DbText.Of(e.StageDirection)),
        new("stages_skipped", NpgsqlDbType.Integer, e => e.StagesSkipped),
        new("handoff_kind", NpgsqlDbType.Text, e => DbText.Of(e.HandoffKind)),
        new("related_record_id", NpgsqlDbType.Text, e => e.RelatedRecordId),
    ];

    // Copied straight in, the partition month is not computed by a staging table, so the client sends it.
    private static readonly StagedColumn<FieldChange>[] FieldChangeCopyColumns =
    [
        .. FieldChangeColumns,
        new(MonthPartitionedTable.FieldChange.MonthColumn, NpgsqlDbType.Date, c => (DateOnly?)MonthPartitionedTable.MonthOf(c.ChangedAt)),
    ];

    private static readonly StagedColumn<WorkflowEvent>[] WorkflowEventCopyColumns =
    [
        .. WorkflowEventColumns,
        new(MonthPartitionedTable.WorkflowEvent.MonthColumn, NpgsqlDbType.Date, e => (DateOnly?)MonthPartitionedTable.MonthOf(e.OccurredAt)),
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
