using Dapper;
using Npgsql;

namespace CrmSignalWorker.Storage.Ingest;

/// <summary>A quarantined payload as stored, with its resolution once it was re-driven.</summary>
public sealed record QuarantineEntry(
    long Id, string Source, string SourceKey, string Reason, string Payload, DateTimeOffset ReceivedAt, DateTimeOffset? ResolvedAt, string? Resolution);

/// <summary>Reads the quarantine for operators; rows are added by <see cref="ChangeStore"/> with the page they came from.</summary>
public sealed class QuarantineStore(NpgsqlDataSource dataSource)
{
    public async Task<IReadOnlyList<QuarantineEntry>> ListAsync(bool includeResolved, int limit, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"""
            {Select}
             WHERE @includeResolved OR resolved_at IS NULL
             ORDER BY id
             LIMIT @limit
            """, new { includeResolved, limit }, cancellationToken: ct));
        return rows.Select(r => r.ToEntry()).ToList();
    }

    public async Task<QuarantineEntry?> GetAsync(long id, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition($"{Select} WHERE id = @id", new { id }, cancellationToken: ct));
        return row?.ToEntry();
    }

    /// <summary>Payloads waiting for a fix, for the quarantine gauge.</summary>
    public async Task<int> CountUnresolvedAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT count(*)::int FROM quarantine WHERE resolved_at IS NULL", cancellationToken: ct));
    }

    private const string Select =
        """
        SELECT id AS Id, source AS Source, source_key AS SourceKey, reason AS Reason, payload AS Payload,
               received_at AS ReceivedAt, resolved_at AS ResolvedAt, resolution AS Resolution
          FROM quarantine
        """;

    private sealed class Row
    {
        public long Id { get; set; }
        public string Source { get; set; } = "";
        public string SourceKey { get; set; } = "";
        public string Reason { get; set; } = "";
        public string Payload { get; set; } = "";
        public DateTime ReceivedAt { get; set; }
        public DateTime? ResolvedAt { get; set; }
        public string? Resolution { get; set; }

        public QuarantineEntry ToEntry() => new(
            Id, Source, SourceKey, Reason, Payload, Utc(ReceivedAt), ResolvedAt is { } resolved ? Utc(resolved) : null, Resolution);

        private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
    }
}
