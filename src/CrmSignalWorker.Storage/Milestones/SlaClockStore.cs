using CrmSignalWorker.Core.Sla;
using Dapper;
using Npgsql;

namespace CrmSignalWorker.Storage.Milestones;

/// <summary>The open SLA clocks (sla_clock) and the checkpoint of the stored writes they have seen.</summary>
public sealed class SlaClockStore(NpgsqlDataSource dataSource)
{
    /// <summary>The checkpoint stream of SlaClockJob.</summary>
    public const string Stream = "derive:sla-clocks";

    /// <inheritdoc cref="MilestoneTransaction.BeginAsync"/>
    public Task<MilestoneTransaction?> BeginAsync(TimeSpan settleDelay, CancellationToken ct) => MilestoneTransaction.BeginAsync(dataSource, Stream, settleDelay, ct);

    /// <summary>The open clocks of <paramref name="recordIds"/>, and every clock due at or before <paramref name="dueBy"/>.</summary>
    public static async Task<IReadOnlyList<SlaClockSnapshot>> OpenClocksAsync(MilestoneTransaction tx, IReadOnlyCollection<string> recordIds, DateTimeOffset dueBy, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(tx);
        ArgumentNullException.ThrowIfNull(recordIds);
        var rows = await tx.Connection.QueryAsync<ClockRow>(new CommandDefinition(
            """
            SELECT record_id AS RecordId, policy AS Policy, object_name AS ObjectName, market AS Market, started_at AS StartedAt,
                   status AS Status, elapsed AS Elapsed, since AS Since, breached_at AS BreachedAt, due_at AS DueAt
              FROM sla_clock
             WHERE record_id = ANY(@ids) OR due_at <= @dueBy
             ORDER BY record_id, started_at
            """,
            new { ids = recordIds.ToArray(), dueBy = dueBy.ToUniversalTime() },
            tx.Transaction,
            cancellationToken: ct));
        return rows.Select(r => r.ToSnapshot()).ToList();
    }

    /// <summary>Record id → the last value written to <paramref name="field"/> (the lead source) for each record that has one.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> LatestValuesAsync(MilestoneTransaction tx, IReadOnlyCollection<string> recordIds, string field, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(tx);
        ArgumentNullException.ThrowIfNull(recordIds);
        if (recordIds.Count == 0)
        {
            return new Dictionary<string, string>();
        }

        var rows = await tx.Connection.QueryAsync<(string RecordId, string Value)>(new CommandDefinition(
            """
            SELECT DISTINCT ON (record_id) record_id, new_value
              FROM field_change
             WHERE record_id = ANY(@ids) AND lower(field) = lower(@field) AND new_value IS NOT NULL
             ORDER BY record_id, changed_at DESC, id DESC
            """,
            new { ids = recordIds.ToArray(), field },
            tx.Transaction,
            cancellationToken: ct));
        return rows.ToDictionary(r => r.RecordId, r => r.Value, StringComparer.Ordinal);
    }

    /// <summary>Removes the clocks that closed and stores the open ones; closed first, since a record may restart a policy's clock in the same run.</summary>
    public static async Task SaveAsync(MilestoneTransaction tx, SlaAdvance advance, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(tx);
        ArgumentNullException.ThrowIfNull(advance);
        foreach (var closed in advance.Closed)
        {
            await tx.Connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM sla_clock WHERE record_id = @RecordId AND policy = @Policy AND started_at = @StartedAt",
                new { closed.RecordId, closed.Policy, StartedAt = closed.StartedAt.ToUniversalTime() },
                tx.Transaction,
                cancellationToken: ct));
        }

        foreach (var open in advance.Open)
        {
            await tx.Connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO sla_clock (record_id, policy, object_name, market, started_at, status, elapsed, since, breached_at, due_at, updated_at)
                VALUES (@RecordId, @Policy, @ObjectName, @Market, @StartedAt, @Status, @Elapsed, @Since, @BreachedAt, @DueAt, @now)
                ON CONFLICT (record_id, policy) DO UPDATE
                   SET object_name = EXCLUDED.object_name, market = EXCLUDED.market, started_at = EXCLUDED.started_at,
                       status = EXCLUDED.status, elapsed = EXCLUDED.elapsed, since = EXCLUDED.since,
                       breached_at = EXCLUDED.breached_at, due_at = EXCLUDED.due_at, updated_at = EXCLUDED.updated_at
                """,
                new
                {
                    open.RecordId,
                    open.Policy,
                    open.ObjectName,
                    open.Market,
                    StartedAt = open.StartedAt.ToUniversalTime(),
                    Status = open.Status == SlaClockStatus.Paused ? "paused" : "running",
                    open.Elapsed,
                    Since = open.Since.ToUniversalTime(),
                    BreachedAt = open.BreachedAt?.ToUniversalTime(),
                    DueAt = open.DueAt?.ToUniversalTime(),
                    now = now.ToUniversalTime(),
                },
                tx.Transaction,
                cancellationToken: ct));
        }
    }

    private sealed class ClockRow
    {
        public string RecordId { get; set; } = "";
        public string Policy { get; set; } = "";
        public string ObjectName { get; set; } = "";
        public string Market { get; set; } = "";
        public DateTime StartedAt { get; set; }
        public string Status { get; set; } = "";
        public TimeSpan Elapsed { get; set; }
        public DateTime Since { get; set; }
        public DateTime? BreachedAt { get; set; }
        public DateTime? DueAt { get; set; }

        public SlaClockSnapshot ToSnapshot() => new(
            Policy,
            ObjectName,
            RecordId,
            Market,
            MilestoneTransaction.Utc(StartedAt)!.Value,
            Status == "paused" ? SlaClockStatus.Paused : SlaClockStatus.Running,
            Elapsed,
            MilestoneTransaction.Utc(Since)!.Value,
            MilestoneTransaction.Utc(BreachedAt),
            MilestoneTransaction.Utc(DueAt));
    }
}
