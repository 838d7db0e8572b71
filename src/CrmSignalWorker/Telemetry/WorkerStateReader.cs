using Npgsql;

namespace CrmSignalWorker.Telemetry;

/// <summary>Pending notifications of one channel.</summary>
/// <param name="OldestPendingSince">When the oldest pending message was queued; null when none is pending.</param>
public sealed record OutboxChannelState(string Channel, long Pending, DateTimeOffset? OldestPendingSince, long Parked);

/// <summary>What the worker's tables say about its backlog, read in one round trip for the gauges.</summary>
/// <param name="Watermarks">Newest stored commit time of each stream asked for, by topic; null when nothing is stored yet.</param>
public sealed record WorkerState(
    IReadOnlyDictionary<string, long> OpenQuarantineBySource,
    IReadOnlyList<OutboxChannelState> Outbox,
    IReadOnlyDictionary<string, bool> PausedByAutomation,
    IReadOnlyDictionary<string, DateTimeOffset?> Watermarks)
{
    /// <summary>Open signal alerts by status (firing, acknowledged).</summary>
    public IReadOnlyDictionary<string, long> OpenAlertsByStatus { get; init; } = new Dictionary<string, long>();
}

/// <summary>Read-only queries over the quarantine, outbox, flag and checkpoint tables; no writes, no locks.</summary>
public sealed class WorkerStateReader(NpgsqlDataSource dataSource)
{
    private static string StreamOf(string topic) => Sources.ChangeStreamIngestor.StreamOf(topic);

    public async Task<WorkerState> ReadAsync(IReadOnlyList<string> topics, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(topics);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new("SELECT source, count(*) FROM quarantine WHERE resolved_at IS NULL GROUP BY source"),
                new(
                    """
                    SELECT channel,
                           count(*) FILTER (WHERE status = 'pending'),
                           min(created_at) FILTER (WHERE status = 'pending'),
                           count(*) FILTER (WHERE status = 'failed')
                      FROM notification_outbox
                     WHERE status IN ('pending', 'failed')
                     GROUP BY channel
                    """),
                new("SELECT automation, paused FROM stop_flag"),
                WatermarkCommand(topics),
                new("SELECT status, count(*) FROM alert WHERE status <> 'resolved' GROUP BY status"),
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(ct);

        var quarantine = new Dictionary<string, long>(StringComparer.Ordinal);
        while (await reader.ReadAsync(ct))
        {
            quarantine[reader.GetString(0)] = reader.GetInt64(1);
        }

        await reader.NextResultAsync(ct);
        var outbox = new List<OutboxChannelState>();
        while (await reader.ReadAsync(ct))
        {
            outbox.Add(new OutboxChannelState(
                reader.GetString(0),
                reader.GetInt64(1),
                await reader.IsDBNullAsync(2, ct) ? null : reader.GetFieldValue<DateTimeOffset>(2),
                reader.GetInt64(3)));
        }

        await reader.NextResultAsync(ct);
        var flags = new Dictionary<string, bool>(StringComparer.Ordinal);
        while (await reader.ReadAsync(ct))
        {
            flags[reader.GetString(0)] = reader.GetBoolean(1);
        }

        await reader.NextResultAsync(ct);
        var watermarks = await ReadWatermarksAsync(reader, topics, ct);
        await reader.NextResultAsync(ct);
        var alerts = new Dictionary<string, long>(StringComparer.Ordinal);
        while (await reader.ReadAsync(ct))
        {
            alerts[reader.GetString(0)] = reader.GetInt64(1);
        }

        return new WorkerState(quarantine, outbox, flags, watermarks) { OpenAlertsByStatus = alerts };
    }

    /// <summary>Only the stream watermarks, for a readiness probe that must not wait on the other tables.</summary>
    public async Task<IReadOnlyDictionary<string, DateTimeOffset?>> ReadWatermarksAsync(IReadOnlyList<string> topics, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(topics);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var batch = new NpgsqlBatch(connection) { BatchCommands = { WatermarkCommand(topics) } };
        await using var reader = await batch.ExecuteReaderAsync(ct);
        return await ReadWatermarksAsync(reader, topics, ct);
    }

    private static NpgsqlBatchCommand WatermarkCommand(IReadOnlyList<string> topics) => new("SELECT stream, watermark FROM checkpoint WHERE stream = ANY($1)")
    {
        Parameters = { new NpgsqlParameter { Value = topics.Select(StreamOf).ToArray() } },
    };

    private static async Task<IReadOnlyDictionary<string, DateTimeOffset?>> ReadWatermarksAsync(NpgsqlDataReader reader, IReadOnlyList<string> topics, CancellationToken ct)
    {
        var byStream = new Dictionary<string, DateTimeOffset?>(StringComparer.Ordinal);
        while (await reader.ReadAsync(ct))
        {
            byStream[reader.GetString(0)] = await reader.IsDBNullAsync(1, ct) ? null : reader.GetFieldValue<DateTimeOffset>(1);
        }

        return topics.Distinct(StringComparer.Ordinal).ToDictionary(t => t, t => byStream.GetValueOrDefault(StreamOf(t)), StringComparer.Ordinal);
    }
}
