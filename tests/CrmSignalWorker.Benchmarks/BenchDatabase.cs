using CrmSignalWorker.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CrmSignalWorker.Benchmarks;

/// <summary>A fresh database on the benchmark server, migrated by the worker's own runner, dropped on dispose.</summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    private readonly string _server;

    private BenchDatabase(string server, string name, string connectionString, NpgsqlDataSource dataSource)
    {
        _server = server;
        Name = name;
        ConnectionString = connectionString;
        DataSource = dataSource;
    }

    public string Name { get; }

    /// <summary>With the password, unlike <see cref="NpgsqlDataSource.ConnectionString"/>: for code that builds its own data source, as the worker does.</summary>
    public string ConnectionString { get; }

    public NpgsqlDataSource DataSource { get; }

    public static async Task<BenchDatabase> CreateAsync(string server, CancellationToken ct)
    {
        // A generated name of [a-z0-9_] only, so it is safe to splice into DDL (which takes no parameters).
        var name = "crmsignal_bench_" + Guid.NewGuid().ToString("N")[..12];
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync(ct);
            await using var create = new NpgsqlCommand("CREATE DATABASE " + name, admin);
            await create.ExecuteNonQueryAsync(ct);
        }

        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        var dataSource = NpgsqlDataSource.Create(connectionString);
        await new MigrationRunner(dataSource, NullLogger<MigrationRunner>.Instance).ApplyAsync(ct);
        return new BenchDatabase(server, name, connectionString, dataSource);
    }

    /// <summary>Empties the tables a run writes, so the next repetition inserts into empty tables again.</summary>
    public async Task ResetAsync(CancellationToken ct)
    {
        await using var command = DataSource.CreateCommand("TRUNCATE field_change, workflow_event, checkpoint");
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Sets the replay id a change stream resumes after, as a worker that had stored it would have.</summary>
    public async Task StoreReplayIdAsync(string stream, byte[] replayId, CancellationToken ct)
    {
        await using var command = DataSource.CreateCommand(
            """
            INSERT INTO checkpoint (stream, replay_id, updated_at) VALUES ($1, $2, now())
            ON CONFLICT (stream) DO UPDATE SET replay_id = EXCLUDED.replay_id, watermark = NULL, updated_at = EXCLUDED.updated_at
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = stream });
        command.Parameters.Add(new NpgsqlParameter { Value = replayId });
        await command.ExecuteNonQueryAsync(ct);
    }

    public async Task<byte[]?> ReplayIdAsync(string stream, CancellationToken ct)
    {
        await using var command = DataSource.CreateCommand("SELECT replay_id FROM checkpoint WHERE stream = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = stream });
        return await command.ExecuteScalarAsync(ct) as byte[];
    }

    public async Task<long> CountAsync(string table, CancellationToken ct)
    {
        // Table names come from the benchmark's own constants, never from input.
        await using var command = DataSource.CreateCommand("SELECT count(*) FROM " + table);
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>
    /// A digest of the stored rows without the generated columns (id, ingested_at), for checking that two methods
    /// wrote the same thing.
    /// </summary>
    public async Task<string> DigestAsync(CancellationToken ct)
    {
        await using var command = DataSource.CreateCommand(
            """
            SELECT (SELECT md5(coalesce(string_agg(row(source_key, write_key, source, object_name, record_id, field, old_value, new_value,
                                                       changed_at, actor_id, actor_kind, team, channel, client_name,
                                                       correlation_id, market, changed_month)::text, '|' ORDER BY source_key), ''))
                      FROM field_change)
                || ' ' ||
                   (SELECT md5(coalesce(string_agg(row(source_key, write_key, event_type, object_name, record_id, occurred_at, stage_before,
                                                       stage_after, owner_before, owner_after, actor_id, actor_kind, team, channel,
                                                       sla_clock_state, automation_id, correlation_id, market, occurred_month)::text, '|' ORDER BY source_key), ''))
                      FROM workflow_event)
            """);
        return (string)(await command.ExecuteScalarAsync(ct))!;
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await using var admin = new NpgsqlConnection(_server);
        await admin.OpenAsync(CancellationToken.None);
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync(CancellationToken.None);
    }
}
