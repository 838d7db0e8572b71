using CrmSignalWorker.Core.Watch;
using Dapper;
using Npgsql;

namespace CrmSignalWorker.Storage.Watch;

/// <summary>Reads the worker's own state for the watch rules: stream positions, quarantine and outbox failures.</summary>
public sealed class WatchStore(NpgsqlDataSource dataSource)
{
    public async Task<IReadOnlyList<StreamPosition>> StreamsAsync(IReadOnlyCollection<string> streams, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<(string Stream, DateTime UpdatedAt, DateTime? Watermark)>(new CommandDefinition(
            "SELECT stream, updated_at, watermark FROM checkpoint WHERE stream = ANY(@streams)", new { streams = streams.ToArray() }, cancellationToken: ct));
        return rows.Select(r => new StreamPosition(r.Stream, Utc(r.UpdatedAt), r.Watermark is { } w ? Utc(w) : null)).ToList();
    }

    public async Task<int> QuarantinedSinceAsync(DateTimeOffset since, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT count(*)::int FROM quarantine WHERE received_at >= @since", new { since = since.ToUniversalTime() }, cancellationToken: ct));
    }

    /// <summary>Per channel: messages still retrying after an error, and those parked as failed since <paramref name="since"/>.</summary>
    public async Task<IReadOnlyList<ReceiverFailures>> ReceiverFailuresAsync(DateTimeOffset since, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<(string Channel, int Failing, string? LastError)>(new CommandDefinition(
            """
            SELECT channel, count(*)::int, (array_agg(last_error ORDER BY id DESC))[1]
              FROM notification_outbox
             WHERE last_error IS NOT NULL
               AND (status = 'pending' OR (status = 'failed' AND created_at >= @since))
             GROUP BY channel
            """, new { since = since.ToUniversalTime() }, cancellationToken: ct));
        return rows.Select(r => new ReceiverFailures(r.Channel, r.Failing, r.LastError)).ToList();
    }

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
