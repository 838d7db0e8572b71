using Dapper;
using Npgsql;

namespace CrmSignalWorker.Storage.Ingest;

/// <summary>The one statement that moves a stream's checkpoint, always inside the transaction of the rows it covers.</summary>
internal static class CheckpointWriter
{
    public static Task WriteAsync(NpgsqlConnection connection, NpgsqlTransaction tx, Checkpoint checkpoint, DateTimeOffset now, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO checkpoint (stream, watermark, replay_id, updated_at)
            VALUES (@Stream, @Watermark, @ReplayId, @UpdatedAt)
            ON CONFLICT (stream) DO UPDATE
               SET watermark = EXCLUDED.watermark, replay_id = EXCLUDED.replay_id, updated_at = EXCLUDED.updated_at
            """,
            new { checkpoint.Stream, Watermark = checkpoint.Watermark?.ToUniversalTime(), checkpoint.ReplayId, UpdatedAt = now.ToUniversalTime() },
            tx,
            cancellationToken: ct));
}
