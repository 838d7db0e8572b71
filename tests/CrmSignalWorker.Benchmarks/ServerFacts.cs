using System.Diagnostics;
using Npgsql;

namespace CrmSignalWorker.Benchmarks;

/// <summary>
/// The server facts that move the figures most, printed with them so nobody mistakes them for production's:
/// durability settings (COPY's advantage shrinks when every commit waits for a disk flush) and the round-trip
/// latency (the baseline pays it once per row).
/// </summary>
internal sealed record ServerFacts(string Version, string Fsync, string SynchronousCommit, TimeSpan RoundTrip)
{
    public static async Task<ServerFacts> ReadAsync(string server, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync(ct);
        return new ServerFacts(
            await ShowAsync(connection, "server_version", ct),
            await ShowAsync(connection, "fsync", ct),
            await ShowAsync(connection, "synchronous_commit", ct),
            await RoundTripAsync(connection, ct));
    }

    private static async Task<string> ShowAsync(NpgsqlConnection connection, string setting, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT current_setting($1)", connection);
        command.Parameters.AddWithValue(setting);
        return (string)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Median time of a trivial statement, after a warm-up: the floor under every per-row INSERT.</summary>
    private static async Task<TimeSpan> RoundTripAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT 1", connection);
        var times = new double[2000];
        for (var i = -200; i < times.Length; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await command.ExecuteScalarAsync(ct);
            if (i >= 0)
            {
                times[i] = Stopwatch.GetElapsedTime(started).Ticks;
            }
        }

        Array.Sort(times);
        return TimeSpan.FromTicks((long)times[times.Length / 2]);
    }
}
