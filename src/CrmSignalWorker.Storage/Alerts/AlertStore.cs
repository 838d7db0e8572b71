using CrmSignalWorker.Core.Alerts;
using CrmSignalWorker.Core.AuditLog;
using CrmSignalWorker.Storage.AuditLog;
using CrmSignalWorker.Storage.Outbox;
using Dapper;
using Npgsql;

namespace CrmSignalWorker.Storage.Alerts;

/// <summary>Signal alerts and silences. An alert's change and the messages that report it commit together.</summary>
public sealed class AlertStore(NpgsqlDataSource dataSource)
{
    private const string AlertColumns =
        """
        key AS Key, signal AS Signal, segment AS Segment, automation AS Automation, severity AS Severity, status AS Status,
        value AS Value, threshold AS Threshold, record_ids AS RecordIds, opened_at AS OpenedAt, last_seen_at AS LastSeenAt,
        last_notified_at AS LastNotifiedAt, notifications AS Notifications, resolved_at AS ResolvedAt, silenced_by AS SilencedBy
        """;

    public async Task<IReadOnlyList<Alert>> OpenAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<AlertRow>(new CommandDefinition(
            $"SELECT {AlertColumns} FROM alert WHERE status <> 'resolved' ORDER BY key", cancellationToken: ct));
        return rows.Select(r => r.ToAlert()).ToList();
    }

    /// <summary>Alerts opened or resolved since <paramref name="since"/>, and every open one, newest first.</summary>
    public async Task<IReadOnlyList<Alert>> RecentAsync(DateTimeOffset since, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<AlertRow>(new CommandDefinition(
            $"SELECT {AlertColumns} FROM alert WHERE status <> 'resolved' OR resolved_at >= @since ORDER BY opened_at DESC, key",
            new { since = since.ToUniversalTime() },
            cancellationToken: ct));
        return rows.Select(r => r.ToAlert()).ToList();
    }

    /// <summary>
    /// Stores the policy's decisions and queues their messages in one transaction: a crash before the commit
    /// repeats the run, after it sends what was decided, once (the outbox keys are unique).
    /// </summary>
    public async Task ApplyAsync(IReadOnlyList<AlertDecision> decisions, IReadOnlyList<OutboxItem> messages, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(decisions);
        ArgumentNullException.ThrowIfNull(messages);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        foreach (var decision in decisions)
        {
            var alert = decision.Alert;
            var args = new
            {
                alert.Key,
                alert.Signal,
                alert.Segment,
                alert.Automation,
                Severity = alert.Severity.ToString().ToLowerInvariant(),
                Status = alert.Status.ToString().ToLowerInvariant(),
                alert.Value,
                alert.Threshold,
                RecordIds = alert.RecordIds.ToArray(),
                OpenedAt = alert.OpenedAt.ToUniversalTime(),
                LastSeenAt = alert.LastSeenAt.ToUniversalTime(),
                LastNotifiedAt = alert.LastNotifiedAt?.ToUniversalTime(),
                alert.Notifications,
                ResolvedAt = alert.ResolvedAt?.ToUniversalTime(),
                alert.SilencedBy,
            };
            var updated = decision.Change == AlertChange.Opened ? 0 : await connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE alert SET severity = @Severity, status = @Status, value = @Value, threshold = @Threshold, record_ids = @RecordIds,
                       last_seen_at = @LastSeenAt, last_notified_at = @LastNotifiedAt, notifications = @Notifications,
                       resolved_at = @ResolvedAt, silenced_by = @SilencedBy
                 WHERE key = @Key AND status <> 'resolved'
                """, args, tx, cancellationToken: ct));
            if (updated == 0)
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    """
                    INSERT INTO alert (key, signal, segment, automation, severity, status, value, threshold, record_ids, opened_at,
                                       last_seen_at, last_notified_at, notifications, resolved_at, silenced_by)
                    VALUES (@Key, @Signal, @Segment, @Automation, @Severity, @Status, @Value, @Threshold, @RecordIds, @OpenedAt,
                            @LastSeenAt, @LastNotifiedAt, @Notifications, @ResolvedAt, @SilencedBy)
                    """, args, tx, cancellationToken: ct));
            }
        }

        foreach (var message in messages)
        {
            await OutboxStore.EnqueueAsync(connection, tx, message, now, ct);
        }

        await tx.CommitAsync(ct);
    }

    /// <summary>Sets an open alert's status (acknowledged by a person); false when no open alert has that key.</summary>
    public async Task<bool> AcknowledgeAsync(string key, string by, DateTimeOffset at, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var updated = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE alert SET status = 'acknowledged' WHERE key = @key AND status = 'firing'", new { key }, tx, cancellationToken: ct));
        if (updated == 1)
        {
            await AuditLogStore.AppendAsync(connection, tx, new AuditRecord(AuditKinds.AlertAcknowledged, by, key, "acknowledged", at), ct);
        }

        await tx.CommitAsync(ct);
        return updated == 1;
    }

    public async Task<IReadOnlyList<Silence>> SilencesAsync(DateTimeOffset activeAt, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<SilenceRow>(new CommandDefinition(
            """
            SELECT id AS Id, signal AS Signal, segment AS Segment, automation AS Automation, author AS Author, reason AS Reason,
                   starts_at AS StartsAt, expires_at AS ExpiresAt
              FROM silence WHERE expires_at > @activeAt ORDER BY starts_at, id
            """, new { activeAt = activeAt.ToUniversalTime() }, cancellationToken: ct));
        return rows.Select(r => r.ToSilence()).ToList();
    }

    /// <summary>Adds a silence and its audit entry together: nobody hears less without the log saying who decided it.</summary>
    public async Task AddSilenceAsync(Silence silence, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(silence);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO silence (id, signal, segment, automation, author, reason, starts_at, expires_at)
            VALUES (@Id, @Signal, @Segment, @Automation, @Author, @Reason, @StartsAt, @ExpiresAt)
            """,
            new
            {
                silence.Id,
                silence.Signal,
                silence.Segment,
                silence.Automation,
                silence.Author,
                silence.Reason,
                StartsAt = silence.StartsAt.ToUniversalTime(),
                ExpiresAt = silence.ExpiresAt.ToUniversalTime(),
            },
            tx,
            cancellationToken: ct));
        var scope = $"signal={silence.Signal ?? "*"} segment={silence.Segment ?? "*"} automation={silence.Automation ?? "*"}";
        await AuditLogStore.AppendAsync(
            connection,
            tx,
            new AuditRecord(AuditKinds.SilenceAdded, silence.Author, scope, $"{silence.Reason} (until {silence.ExpiresAt.UtcDateTime:u})", silence.StartsAt),
            ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>Alerts by status, for the gauges.</summary>
    public async Task<IReadOnlyDictionary<string, long>> CountOpenByStatusAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<(string Status, long Count)>(new CommandDefinition(
            "SELECT status, count(*) FROM alert WHERE status <> 'resolved' GROUP BY status", cancellationToken: ct));
        return rows.ToDictionary(r => r.Status, r => r.Count, StringComparer.Ordinal);
    }

    private sealed class AlertRow
    {
        public string Key { get; set; } = "";

        public string Signal { get; set; } = "";

        public string Segment { get; set; } = "";

        public string? Automation { get; set; }

        public string Severity { get; set; } = "";

        public string Status { get; set; } = "";

        public decimal Value { get; set; }

        public decimal Threshold { get; set; }

        public string[] RecordIds { get; set; } = [];

        public DateTime OpenedAt { get; set; }

        public DateTime LastSeenAt { get; set; }

        public DateTime? LastNotifiedAt { get; set; }

        public int Notifications { get; set; }

        public DateTime? ResolvedAt { get; set; }

        public string? SilencedBy { get; set; }

        public Alert ToAlert() => new(
            Key, Signal, Segment, Automation, Enum.Parse<AlertSeverity>(Severity, ignoreCase: true), Enum.Parse<AlertStatus>(Status, ignoreCase: true),
            Value, Threshold, RecordIds, Utc(OpenedAt), Utc(LastSeenAt), LastNotifiedAt is { } n ? Utc(n) : null, Notifications,
            ResolvedAt is { } r ? Utc(r) : null, SilencedBy);
    }

    private sealed class SilenceRow
    {
        public string Id { get; set; } = "";

        public string? Signal { get; set; }

        public string? Segment { get; set; }

        public string? Automation { get; set; }

        public string Author { get; set; } = "";

        public string Reason { get; set; } = "";

        public DateTime StartsAt { get; set; }

        public DateTime ExpiresAt { get; set; }

        public Silence ToSilence() => new(Id, Signal, Segment, Automation, Author, Reason, Utc(StartsAt), Utc(ExpiresAt));
    }

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
