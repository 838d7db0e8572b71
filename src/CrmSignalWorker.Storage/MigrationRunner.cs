using System.Reflection;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CrmSignalWorker.Storage;

/// <summary>
/// Applies the embedded SQL migrations in order. Several replicas may start at once, so the whole run
/// holds a Postgres advisory lock; each migration commits with its version row, so a crash mid-way
/// resumes where it stopped.
/// </summary>
public sealed partial class MigrationRunner(NpgsqlDataSource dataSource, ILogger<MigrationRunner> logger)
{
    // Any fixed 64-bit number works; it only has to be the same for every replica.
    private const long AdvisoryLockKey = 0x43524D5349474E; // "CRMSIGN"

    public async Task<int> ApplyAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_lock(@key)", new { key = AdvisoryLockKey }, cancellationToken: ct));
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                CREATE TABLE IF NOT EXISTS schema_migration (
                    version    integer PRIMARY KEY,
                    name       text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now()
                )
                """, cancellationToken: ct));

            var applied = (await connection.QueryAsync<int>(new CommandDefinition("SELECT version FROM schema_migration", cancellationToken: ct))).ToHashSet();
            var current = applied.Count == 0 ? 0 : applied.Max();
            foreach (var migration in Embedded())
            {
                if (applied.Contains(migration.Version))
                {
                    continue;
                }

                await using var tx = await connection.BeginTransactionAsync(ct);
                await connection.ExecuteAsync(new CommandDefinition(migration.Sql, transaction: tx, cancellationToken: ct));
                await connection.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO schema_migration (version, name) VALUES (@Version, @Name)", new { migration.Version, migration.Name }, tx, cancellationToken: ct));
                await tx.CommitAsync(ct);
                logger.MigrationApplied(migration.Version, migration.Name);
                current = migration.Version;
            }

            logger.SchemaCurrent(current);
            return current;
        }
        finally
        {
            // Unlock on the same session; CancellationToken.None because the lock must be released even when stopping.
            await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_unlock(@key)", new { key = AdvisoryLockKey }, cancellationToken: CancellationToken.None));
        }
    }

    internal sealed record Migration(int Version, string Name, string Sql);

    internal static IReadOnlyList<Migration> Embedded()
    {
        var assembly = typeof(MigrationRunner).Assembly;
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            var match = MigrationName().Match(resource);
            if (!match.Success)
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(resource)
                ?? throw new InvalidOperationException($"Migration resource {resource} could not be opened.");
            using var reader = new StreamReader(stream);
            migrations.Add(new Migration(int.Parse(match.Groups["version"].Value, System.Globalization.CultureInfo.InvariantCulture), match.Groups["name"].Value, reader.ReadToEnd()));
        }

        return migrations.OrderBy(m => m.Version).ToList();
    }

    [GeneratedRegex(@"Migrations\.(?<version>\d{4})_(?<name>[a-z0-9_]+)\.sql$")]
    private static partial Regex MigrationName();
}
