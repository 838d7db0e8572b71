using CrmSignalWorker.Core.AuditLog;
using CrmSignalWorker.Storage.AuditLog;
using Dapper;
using Npgsql;

namespace CrmSignalWorker.Storage.Outbox;

/// <summary>
/// The transactional outbox. A row is claimed with FOR UPDATE SKIP LOCKED and stays locked while it is
/// sent, so replicas never send the same row at once; the outcome commits with the claim. A crash
/// mid-send rolls the claim back and the row is sent again: delivery is at-least-once, and every
/// message carries its idempotency key so receivers that honour it (Message-Id for mail) collapse the repeat.
/// </summary>
public sealed class OutboxStore(NpgsqlDataSource dataSource, TimeProvider timeProvider)
{
    /// <returns>True when the row was new; false when a message with that key was already queued.</returns>
    public async Task<bool> EnqueueAsync(OutboxItem item, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await EnqueueAsync(connection, null, item, timeProvider.GetUtcNow(), ct);
    }

    /// <summary>Queues inside the caller's transaction, so a message exists exactly when the change it reports does.</summary>
    public static async Task<bool> EnqueueAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, OutboxItem item, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(item);
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO notification_outbox (idempotency_key, channel, destination, payload, next_attempt_at, created_at)
            VALUES (@IdempotencyKey, @Channel, @Destination, @Payload::jsonb, @Now, @Now)
            ON CONFLICT (idempotency_key) DO NOTHING
            """, new { item.IdempotencyKey, item.Channel, item.Destination, item.Payload, Now = now }, tx, cancellationToken: ct));
        return inserted == 1;
    }

    /// <summary>Whether any message whose idempotency key starts with <paramref name="keyPrefix"/> was queued.</summary>
    public async Task<bool> AnyQueuedAsync(string keyPrefix, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM notification_outbox WHERE starts_with(idempotency_key, @keyPrefix))",
            new { keyPrefix },
            cancellationToken: ct));
    }

    /// <summary>Claims the oldest row due by <paramref name="dueBy"/>, lets <paramref name="send"/> deliver it, and records the outcome.</summary>
    /// <param name="dueBy">Only rows due at or before this instant; a row rescheduled during a pass waits for the next one.</param>
    /// <returns>False when no row was due.</returns>
    public async Task<bool> ProcessNextAsync(DateTimeOffset dueBy, Func<OutboxEntry, Task<OutboxOutcome>> send, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(send);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var entry = await connection.QuerySingleOrDefaultAsync<OutboxRow>(new CommandDefinition(
            """
            SELECT id AS Id, idempotency_key AS IdempotencyKey, channel AS Channel, destination AS Destination,
                   payload::text AS Payload, attempts AS Attempts
              FROM notification_outbox
             WHERE status = 'pending' AND next_attempt_at <= @dueBy
             ORDER BY id
             LIMIT 1
               FOR UPDATE SKIP LOCKED
            """, new { dueBy = dueBy.ToUniversalTime() }, tx, cancellationToken: ct));
        if (entry is null)
        {
            return false;
        }

        // The send gets no cancellation token: once a row is claimed it is delivered and recorded, bounded by the
        // sender's own timeout, because a send abandoned at shutdown would roll the claim back and go out again.
        var outcome = await send(new OutboxEntry(entry.Id, entry.IdempotencyKey, entry.Channel, entry.Destination, entry.Payload, entry.Attempts));
        var sql = outcome.Kind switch
        {
            OutboxOutcomeKind.Sent =>
                "UPDATE notification_outbox SET status = 'sent', attempts = attempts + 1, sent_at = @now, last_error = NULL WHERE id = @id",
            OutboxOutcomeKind.RetryLater =>
                "UPDATE notification_outbox SET attempts = attempts + 1, next_attempt_at = @next, last_error = @error WHERE id = @id",
            _ =>
                "UPDATE notification_outbox SET status = 'failed', attempts = attempts + 1, last_error = @error WHERE id = @id",
        };
        var now = timeProvider.GetUtcNow();
        await connection.ExecuteAsync(new CommandDefinition(
            sql, new { id = entry.Id, now, next = outcome.NextAttemptAt ?? now, error = outcome.Error }, tx, cancellationToken: CancellationToken.None));
        if (outcome.Kind == OutboxOutcomeKind.Sent)
        {
            // The destination stays out: for Slack it is the webhook URL, a credential.
            await AuditLogStore.AppendAsync(
                connection,
                tx,
                new AuditRecord(AuditKinds.MessageSent, "worker", entry.IdempotencyKey, $"sent by {entry.Channel}", now),
                CancellationToken.None);
        }

        // The send already happened; committing its outcome must not be abandoned because shutdown began.
        await tx.CommitAsync(CancellationToken.None);
        return true;
    }

    /// <summary>Counts rows by status, for health and the digest.</summary>
    public async Task<IReadOnlyDictionary<string, int>> CountByStatusAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<(string Status, int Count)>(new CommandDefinition(
            "SELECT status, count(*)::int FROM notification_outbox GROUP BY status", cancellationToken: ct));
        return rows.ToDictionary(r => r.Status, r => r.Count);
    }

    private sealed class OutboxRow
    {
        public long Id { get; set; }
        public string IdempotencyKey { get; set; } = "";
        public string Channel { get; set; } = "";
        public string Destination { get; set; } = "";
        public string Payload { get; set; } = "";
        public int Attempts { get; set; }
    }
}
