using CrmSignalWorker.Core.Incentives;
using Dapper;
using Npgsql;

namespace CrmSignalWorker.Storage.Milestones;

/// <summary>The records in commit (commit_state) and the checkpoint of the stored writes the incentive job has seen.</summary>
public sealed class CommitStateStore(NpgsqlDataSource dataSource)
{
    /// <summary>The checkpoint stream of IncentivePeriodJob.</summary>
    public const string Stream = "derive:incentive-periods";

    /// <inheritdoc cref="MilestoneTransaction.BeginAsync"/>
    public Task<MilestoneTransaction?> BeginAsync(TimeSpan settleDelay, CancellationToken ct) => MilestoneTransaction.BeginAsync(dataSource, Stream, settleDelay, ct);

    /// <summary>
    /// The states of <paramref name="recordIds"/>, and of every record in commit since before <paramref name="finalDaysStart"/>
    /// that has not been seen into those final days yet.
    /// </summary>
    public static async Task<IReadOnlyList<CommitState>> InCommitAsync(MilestoneTransaction tx, IReadOnlyCollection<string> recordIds, DateTimeOffset? finalDaysStart, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(tx);
        ArgumentNullException.ThrowIfNull(recordIds);
        var rows = await tx.Connection.QueryAsync<StateRow>(new CommandDefinition(
            """
            SELECT record_id AS RecordId, object_name AS ObjectName, market AS Market, entered_at AS EnteredAt, final_days_through AS FinalDaysThrough
              FROM commit_state
             WHERE record_id = ANY(@ids)
                OR (@finalDaysStart::timestamptz IS NOT NULL AND entered_at < @finalDaysStart
                    AND (final_days_through IS NULL OR final_days_through < @finalDaysStart))
             ORDER BY record_id
            """,
            new { ids = recordIds.ToArray(), finalDaysStart = finalDaysStart?.ToUniversalTime() },
            tx.Transaction,
            cancellationToken: ct));
        return rows.Select(r => new CommitState(r.ObjectName, r.RecordId, r.Market, MilestoneTransaction.Utc(r.EnteredAt)!.Value, MilestoneTransaction.Utc(r.FinalDaysThrough))).ToList();
    }

    public static async Task SaveAsync(MilestoneTransaction tx, CommitAdvance advance, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(tx);
        ArgumentNullException.ThrowIfNull(advance);
        await tx.Connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM commit_state WHERE record_id = ANY(@ids)", new { ids = advance.Left.Select(s => s.RecordId).ToArray() }, tx.Transaction, cancellationToken: ct));
        foreach (var state in advance.InCommit)
        {
            await tx.Connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO commit_state (record_id, object_name, market, entered_at, final_days_through, updated_at)
                VALUES (@RecordId, @ObjectName, @Market, @EnteredAt, @FinalDaysThrough, @now)
                ON CONFLICT (record_id) DO UPDATE
                   SET object_name = EXCLUDED.object_name, market = EXCLUDED.market, entered_at = EXCLUDED.entered_at,
                       final_days_through = EXCLUDED.final_days_through, updated_at = EXCLUDED.updated_at
                """,
                new
                {
                    state.RecordId,
                    state.ObjectName,
                    state.Market,
                    EnteredAt = state.EnteredAt.ToUniversalTime(),
                    FinalDaysThrough = state.FinalDaysThrough?.ToUniversalTime(),
                    now = now.ToUniversalTime(),
                },
                tx.Transaction,
                cancellationToken: ct));
        }
    }

    private sealed class StateRow
    {
        public string RecordId { get; set; } = "";
        public string ObjectName { get; set; } = "";
        public string Market { get; set; } = "";
        public DateTime EnteredAt { get; set; }
        public DateTime? FinalDaysThrough { get; set; }
    }
}
