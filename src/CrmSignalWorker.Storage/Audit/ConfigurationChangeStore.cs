using CrmSignalWorker.Core.Audit;
using CrmSignalWorker.Core.Changes;
using CrmSignalWorker.Storage.Ingest;
using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace CrmSignalWorker.Storage.Audit;

/// <summary>
/// Configuration changes from the Setup audit trail. A page is written with its quarantined rows and the stream's
/// checkpoint in one transaction, through the same staged COPY as field changes, keyed by the audit row id so a
/// page read again adds nothing.
/// </summary>
public sealed class ConfigurationChangeStore(NpgsqlDataSource dataSource, TimeProvider timeProvider, ILogger<ConfigurationChangeStore> logger)
{
    /// <returns>How many changes and quarantined rows were new.</returns>
    public async Task<(int Changes, int Quarantined)> IngestAsync(
        IReadOnlyList<ConfigurationChange> changes, IReadOnlyList<QuarantinedPayload> quarantined, Checkpoint checkpoint, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(quarantined);
        ArgumentNullException.ThrowIfNull(checkpoint);

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var stored = await StagedCopy.WriteAsync(connection, tx, "configuration_change", "id", Columns, changes, ct);
        var kept = 0;
        foreach (var payload in quarantined)
        {
            kept += await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO quarantine (source, source_key, reason, payload, received_at)
                VALUES (@Source, @SourceKey, @Reason, @Payload, @ReceivedAt)
                ON CONFLICT (source, source_key) DO NOTHING
                """, payload, tx, cancellationToken: ct));
        }

        await CheckpointWriter.WriteAsync(connection, tx, checkpoint, timeProvider.GetUtcNow(), ct);
        await tx.CommitAsync(ct);
        logger.ConfigurationChangesIngested(checkpoint.Stream, stored, kept);
        return (stored, kept);
    }

    /// <summary>
    /// The changes made from <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive), oldest first:
    /// what was changed in the window before a spike that began at <paramref name="to"/>.
    /// </summary>
    /// <param name="kinds">Only these kinds; null or empty for all.</param>
    public async Task<IReadOnlyList<ConfigurationChange>> BetweenAsync(
        DateTimeOffset from, DateTimeOffset to, IReadOnlyCollection<ConfigurationChangeKind>? kinds, CancellationToken ct)
    {
        if (to < from)
        {
            throw new ArgumentException($"The window ends ({to:O}) before it starts ({from:O}).", nameof(to));
        }

        var kindTexts = kinds is { Count: > 0 } ? kinds.Select(ConfigurationChangeKinds.ToText).ToArray() : null;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            """
            SELECT id AS Id, kind AS Kind, component AS Component, action AS Action, section AS Section, display AS Display,
                   changed_at AS ChangedAt, changed_by_id AS ChangedById, delegate_user AS DelegateUser
              FROM configuration_change
             WHERE changed_at >= @from AND changed_at < @to
               AND (@kinds::text[] IS NULL OR kind = ANY(@kinds))
             ORDER BY changed_at, id
            """,
            new { from = from.ToUniversalTime(), to = to.ToUniversalTime(), kinds = kindTexts },
            cancellationToken: ct));
        return rows.Select(r => r.ToChange()).ToList();
    }

    private static readonly StagedColumn<ConfigurationChange>[] Columns =
    [
        new("id", NpgsqlDbType.Text, c => c.Id),
        new("kind", NpgsqlDbType.Text, c => ConfigurationChangeKinds.ToText(c.Kind)),
        new("component", NpgsqlDbType.Text, c => c.Component),
        new("action", NpgsqlDbType.Text, c => c.Action),
        new("section", NpgsqlDbType.Text, c => c.Section),
        new("display", NpgsqlDbType.Text, c => c.Display),
        new("changed_at", NpgsqlDbType.TimestampTz, c => c.ChangedAt.ToUniversalTime()),
        new("changed_by_id", NpgsqlDbType.Text, c => c.ChangedById),
        new("delegate_user", NpgsqlDbType.Text, c => c.DelegateUser),
    ];

    private sealed class Row
    {
        public string Id { get; set; } = "";
        public string Kind { get; set; } = "";
        public string? Component { get; set; }
        public string Action { get; set; } = "";
        public string? Section { get; set; }
        public string? Display { get; set; }
        public DateTime ChangedAt { get; set; }
        public string? ChangedById { get; set; }
        public string? DelegateUser { get; set; }

        public ConfigurationChange ToChange() => new(
            Id,
            ConfigurationChangeKinds.TryParse(Kind, out var kind)
                ? kind
                : throw new InvalidOperationException($"configuration_change {Id} has kind '{Kind}', which this version does not know."),
            Component,
            Action,
            Section,
            Display,
            new DateTimeOffset(DateTime.SpecifyKind(ChangedAt, DateTimeKind.Utc)),
            ChangedById,
            DelegateUser);
    }
}
