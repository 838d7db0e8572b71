using CrmSignalWorker.Core.AuditLog;
using CrmSignalWorker.Core.Flags;
using CrmSignalWorker.Storage.AuditLog;
using Dapper;
using Npgsql;

namespace CrmSignalWorker.Storage.Flags;

/// <summary>Stop-the-line flags. Postgres is the source of truth; every change is appended to stop_flag_change and to the audit log in the same transaction.</summary>
public sealed class FlagStore(NpgsqlDataSource dataSource)
{
    public async Task<StopFlag> SetAsync(StopFlag flag, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(flag);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var args = new
        {
            flag.Automation,
            flag.Paused,
            flag.Reason,
            flag.ChangedBy,
            ChangedAt = flag.ChangedAt.ToUniversalTime(),
            Action = flag.Paused ? "pause" : "resume",
        };
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO stop_flag (automation, paused, reason, changed_by, changed_at)
            VALUES (@Automation, @Paused, @Reason, @ChangedBy, @ChangedAt)
            ON CONFLICT (automation) DO UPDATE SET
                paused = EXCLUDED.paused, reason = EXCLUDED.reason, changed_by = EXCLUDED.changed_by, changed_at = EXCLUDED.changed_at
            """, args, tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO stop_flag_change (automation, action, reason, changed_by, changed_at)
            VALUES (@Automation, @Action, @Reason, @ChangedBy, @ChangedAt)
            """, args, tx, cancellationToken: ct));
        await AuditLogStore.AppendAsync(
            connection,
            tx,
            new AuditRecord(flag.Paused ? AuditKinds.FlagPaused : AuditKinds.FlagResumed, flag.ChangedBy, flag.Automation, flag.Reason, flag.ChangedAt),
            ct);
        await tx.CommitAsync(ct);
        return flag;
    }

    public async Task<StopFlag?> GetAsync(string automation, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<FlagRow>(new CommandDefinition(
            SelectFlags + " WHERE automation = @automation", new { automation }, cancellationToken: ct));
        return row?.ToFlag();
    }

    public async Task<IReadOnlyList<StopFlag>> ListAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<FlagRow>(new CommandDefinition(SelectFlags + " ORDER BY automation", cancellationToken: ct));
        return rows.Select(r => r.ToFlag()).ToList();
    }

    /// <summary>The change history of one automation's flag, oldest first.</summary>
    public async Task<IReadOnlyList<StopFlag>> HistoryAsync(string automation, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<FlagRow>(new CommandDefinition(
            """
            SELECT automation AS Automation, action = 'pause' AS Paused, reason AS Reason, changed_by AS ChangedBy, changed_at AS ChangedAt
              FROM stop_flag_change WHERE automation = @automation ORDER BY id
            """, new { automation }, cancellationToken: ct));
        return rows.Select(r => r.ToFlag()).ToList();
    }

    private const string SelectFlags =
        "SELECT automation AS Automation, paused AS Paused, reason AS Reason, changed_by AS ChangedBy, changed_at AS ChangedAt FROM stop_flag";

    private sealed class FlagRow
    {
        public string Automation { get; set; } = "";
        public bool Paused { get; set; }
        public string Reason { get; set; } = "";
        public string ChangedBy { get; set; } = "";
        public DateTime ChangedAt { get; set; }

        public StopFlag ToFlag() => new(Automation, Paused, Reason, ChangedBy, new DateTimeOffset(DateTime.SpecifyKind(ChangedAt, DateTimeKind.Utc)));
    }
}
