using System.Runtime.CompilerServices;
using CrmSignalWorker.Core.AuditLog;
using Dapper;
using Npgsql;

namespace CrmSignalWorker.Storage.AuditLog;

/// <summary>The hash-chained audit log in Postgres.</summary>
public sealed class AuditLogStore(NpgsqlDataSource dataSource)
{
    // One writer at a time across replicas: each entry needs the hash of the one before it.
    private const long AppendLock = 0x61756469745F6C; // "audit_l" in ASCII

    /// <summary>Appends in its own transaction.</summary>
    public async Task<AuditEntry> AppendAsync(AuditRecord record, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var entry = await AppendAsync(connection, tx, record, ct);
        await tx.CommitAsync(ct);
        return entry;
    }

    /// <summary>
    /// Appends inside the caller's transaction, so the act and its audit entry commit or roll back together. Holds
    /// the append lock until that transaction ends.
    /// </summary>
    public static async Task<AuditEntry> AppendAsync(NpgsqlConnection connection, NpgsqlTransaction tx, AuditRecord record, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(record);
        await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(@AppendLock)", new { AppendLock }, tx, cancellationToken: ct));
        var last = await connection.QuerySingleOrDefaultAsync<ChainHead>(new CommandDefinition(LastEntry, transaction: tx, cancellationToken: ct));
        var entry = AuditChain.Seal((last?.Position ?? 0) + 1, record, last?.Hash ?? AuditChain.GenesisHash);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO audit_log (position, recorded_at, kind, actor, subject, detail, previous_hash, hash)
            VALUES (@Position, @RecordedAt, @Kind, @Actor, @Subject, @Detail, @PreviousHash, @Hash)
            """,
            new
            {
                entry.Position,
                RecordedAt = record.StoredInstant,
                record.Kind,
                record.Actor,
                record.Subject,
                record.Detail,
                entry.PreviousHash,
                entry.Hash,
            },
            tx,
            cancellationToken: ct));
        return entry;
    }

    /// <summary>
    /// Appends what <paramref name="decide"/> makes of the latest entry of <paramref name="kind"/>, or nothing when it
    /// returns null; decided under the append lock, so replicas starting together record one change once.
    /// </summary>
    public async Task<AuditEntry?> AppendDecidedAsync(string kind, Func<AuditRecord?, AuditRecord?> decide, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(decide);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(@AppendLock)", new { AppendLock }, tx, cancellationToken: ct));
        var latest = await connection.QuerySingleOrDefaultAsync<LatestOfKind>(new CommandDefinition(
            """
            SELECT kind AS Kind, actor AS Actor, subject AS Subject, detail AS Detail, recorded_at AS RecordedAt
              FROM audit_log WHERE kind = @kind ORDER BY position DESC LIMIT 1
            """, new { kind }, tx, cancellationToken: ct));
        var record = decide(latest is null
            ? null
            : new AuditRecord(latest.Kind, latest.Actor, latest.Subject, latest.Detail, new DateTimeOffset(DateTime.SpecifyKind(latest.RecordedAt, DateTimeKind.Utc))));
        if (record is null)
        {
            return null;
        }

        var entry = await AppendAsync(connection, tx, record, ct);
        await tx.CommitAsync(ct);
        return entry;
    }

    /// <summary>Every entry in position order, streamed: the log only grows.</summary>
    public async IAsyncEnumerable<AuditEntry> ReadAllAsync([EnumeratorCancellation] CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var command = new NpgsqlCommand(
            "SELECT position, recorded_at, kind, actor, subject, detail, previous_hash, hash FROM audit_log ORDER BY position", connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var record = new AuditRecord(
                reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
                new DateTimeOffset(reader.GetFieldValue<DateTime>(1), TimeSpan.Zero));
            yield return new AuditEntry(reader.GetInt64(0), record, reader.GetString(6), reader.GetString(7));
        }
    }

    /// <summary>The newest entry's hash, or the genesis hash of an empty log: what the digest shows.</summary>
    public async Task<(long Entries, string Head)> HeadAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var last = await connection.QuerySingleOrDefaultAsync<ChainHead>(new CommandDefinition(LastEntry, cancellationToken: ct));
        return last is null ? (0, AuditChain.GenesisHash) : (last.Position, last.Hash);
    }

    private const string LastEntry = "SELECT position AS Position, hash AS Hash FROM audit_log ORDER BY position DESC LIMIT 1";

    private sealed class LatestOfKind
    {
        public string Kind { get; set; } = "";

        public string Actor { get; set; } = "";

        public string Subject { get; set; } = "";

        public string Detail { get; set; } = "";

        public DateTime RecordedAt { get; set; }
    }

    private sealed class ChainHead
    {
        public long Position { get; set; }

        public string Hash { get; set; } = "";
    }
}
