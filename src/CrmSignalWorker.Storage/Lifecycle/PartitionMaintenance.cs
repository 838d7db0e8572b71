using System.Globalization;
using System.Text.RegularExpressions;
using Dapper;
using Npgsql;

namespace CrmSignalWorker.Storage.Lifecycle;

/// <summary>
/// Keeps the month partitions of <see cref="MonthPartitionedTable.All"/> in line with a <see cref="RetentionWindow"/>:
/// creates the coming months' partitions, moves rows that landed in the DEFAULT partition into a partition of their
/// month, and drops partitions older than the cutoff. The DEFAULT partition itself is never dropped.
/// </summary>
/// <remarks>
/// Replicas and a backfill may run this at once, so each run holds an advisory lock and a run that cannot get it does
/// nothing (the holder is doing the same work). Each change commits on its own under a short lock timeout: attaching or
/// dropping a partition briefly locks out inserts, and a change that cannot get its locks in time waits for the next
/// run instead of stalling ingestion.
/// </remarks>
public sealed partial class PartitionMaintenance(NpgsqlDataSource dataSource)
{
    // Any fixed 64-bit number other than MigrationRunner's; it only has to be the same for every replica.
    internal const long AdvisoryLockKey = 0x43524D4C494645; // "CRMLIFE"

    private const string LockTimeout = "10s";

    /// <summary>Purges, creates and drops what <paramref name="window"/> asks for; null when another run holds the lock.</summary>
    public async Task<IReadOnlyList<PartitionChange>?> MaintainAsync(RetentionWindow window, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(window);
        return await WithLockAsync(async (connection, changes) =>
        {
            foreach (var table in MonthPartitionedTable.All)
            {
                var layout = await LayoutAsync(connection, table, ct);
                if (layout.Default is { } defaultPartition)
                {
                    // Old rows in DEFAULT are deleted rather than given a partition that would be dropped right after.
                    var purged = await PurgeDefaultAsync(connection, table, defaultPartition, window.Cutoff, ct);
                    if (purged > 0)
                    {
                        changes.Add(new DefaultRowsPurged(table, window.Cutoff, purged));
                    }
                }

                var months = new SortedSet<DateOnly>(window.Ahead);
                if (layout.Default is { } stillDefault)
                {
                    months.UnionWith(await MonthsInAsync(connection, table, stillDefault, ct));
                }

                await CreateMissingAsync(connection, table, layout, months.Where(window.Keeps), changes, ct);

                foreach (var partition in layout.Months.Where(p => p.To <= window.Cutoff))
                {
                    changes.Add(new PartitionDropped(table, partition, await DropAsync(connection, partition, ct)));
                }
            }
        }, ct);
    }

    /// <summary>
    /// Creates the partitions of <paramref name="months"/> that are missing, so rows about to be written land in their
    /// month; null when another run holds the lock (the rows then land in DEFAULT and the next maintenance moves them).
    /// </summary>
    public async Task<IReadOnlyList<PartitionChange>?> EnsureMonthsAsync(IReadOnlyCollection<DateOnly> months, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(months);
        return await WithLockAsync(async (connection, changes) =>
        {
            foreach (var table in MonthPartitionedTable.All)
            {
                var layout = await LayoutAsync(connection, table, ct);
                await CreateMissingAsync(connection, table, layout, months.Select(RetentionWindow.MonthOf).Distinct().Order(), changes, ct);
            }
        }, ct);
    }

    /// <summary>The month partitions of <paramref name="table"/>, oldest first.</summary>
    public async Task<IReadOnlyList<MonthPartition>> ListAsync(MonthPartitionedTable table, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(table);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return (await LayoutAsync(connection, table, ct)).Months;
    }

    private async Task<IReadOnlyList<PartitionChange>?> WithLockAsync(Func<NpgsqlConnection, List<PartitionChange>, Task> work, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        if (!await connection.ExecuteScalarAsync<bool>(new CommandDefinition("SELECT pg_try_advisory_lock(@key)", new { key = AdvisoryLockKey }, cancellationToken: ct)))
        {
            return null;
        }

        try
        {
            var changes = new List<PartitionChange>();
            await work(connection, changes);
            return changes;
        }
        finally
        {
            // Unlock on the same session; CancellationToken.None because the lock must be released even when stopping.
            await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_unlock(@key)", new { key = AdvisoryLockKey }, cancellationToken: CancellationToken.None));
        }
    }

    private sealed record Layout(IReadOnlyList<MonthPartition> Months, string? Default);

    private static async Task<Layout> LayoutAsync(NpgsqlConnection connection, MonthPartitionedTable table, CancellationToken ct)
    {
        await using var tx = await connection.BeginTransactionAsync(ct);
        // Bounds are read back as text; ISO makes the dates in it yyyy-mm-dd whatever the server's default.
        await connection.ExecuteAsync(new CommandDefinition("SET LOCAL DateStyle = ISO", transaction: tx, cancellationToken: ct));
        var rows = await connection.QueryAsync<(string Name, string Bound)>(new CommandDefinition(
            """
            SELECT c.relname, pg_get_expr(c.relpartbound, c.oid)
              FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
             WHERE i.inhparent = @parent::regclass
            """, new { parent = table.Name }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);

        var months = new List<MonthPartition>();
        string? defaultPartition = null;
        foreach (var (name, bound) in rows)
        {
            if (bound == "DEFAULT")
            {
                defaultPartition = name;
            }
            else if (MonthBound().Match(bound) is { Success: true } match)
            {
                months.Add(new MonthPartition(name, ParseDate(match.Groups["from"].Value), ParseDate(match.Groups["to"].Value)));
            }

            // Anything else (MINVALUE bounds, a hand-made layout) is left alone: maintenance only changes what it understands.
        }

        return new Layout([.. months.OrderBy(p => p.From)], defaultPartition);
    }

    private static async Task CreateMissingAsync(
        NpgsqlConnection connection, MonthPartitionedTable table, Layout layout, IEnumerable<DateOnly> months, List<PartitionChange> changes, CancellationToken ct)
    {
        foreach (var month in months)
        {
            if (!layout.Months.Any(p => p.From <= month && month < p.To))
            {
                changes.Add(await CreateAsync(connection, table, layout.Default, month, ct));
            }
        }
    }

    /// <summary>
    /// Creates the partition of <paramref name="month"/> beside the table and attaches it: creating it as a partition
    /// would lock the whole table, attaching takes a weaker lock. Rows of the month already in DEFAULT move into it
    /// first, since DEFAULT may not keep rows a new partition covers.
    /// </summary>
    private static async Task<PartitionCreated> CreateAsync(NpgsqlConnection connection, MonthPartitionedTable table, string? defaultPartition, DateOnly month, CancellationToken ct)
    {
        var partition = new MonthPartition(table.PartitionName(month), month, month.AddMonths(1));
        // Names and dates below are ours ([a-z0-9_], yyyy-MM-dd), never input: DDL takes no parameters.
        var name = Quote(partition.Name);
        var from = DateLiteral(partition.From);
        var to = DateLiteral(partition.To);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition($"SET LOCAL lock_timeout = '{LockTimeout}'", transaction: tx, cancellationToken: ct));
        if (defaultPartition is not null)
        {
            // Taken first, so an insert into DEFAULT cannot slip in between moving the month out and attaching.
            await connection.ExecuteAsync(new CommandDefinition($"LOCK TABLE {Quote(defaultPartition)} IN ACCESS EXCLUSIVE MODE", transaction: tx, cancellationToken: ct));
        }

        await connection.ExecuteAsync(new CommandDefinition(
            $"""
            CREATE TABLE {name} (LIKE {Quote(table.Name)} INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
            ALTER TABLE {name} ADD CONSTRAINT {Quote(partition.Name + "_bounds")} CHECK ({table.MonthColumn} >= {from} AND {table.MonthColumn} < {to});
            """, transaction: tx, cancellationToken: ct));
        long moved = 0;
        if (defaultPartition is not null)
        {
            var columns = await connection.ExecuteScalarAsync<string>(new CommandDefinition(
                """
                SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum)
                  FROM pg_attribute WHERE attrelid = @parent::regclass AND attnum > 0 AND NOT attisdropped
                """, new { parent = table.Name }, tx, cancellationToken: ct));
            moved = await connection.ExecuteAsync(new CommandDefinition(
                $"""
                WITH moved AS (DELETE FROM {Quote(defaultPartition)} WHERE {table.MonthColumn} >= {from} AND {table.MonthColumn} < {to} RETURNING {columns})
                INSERT INTO {name} ({columns}) SELECT {columns} FROM moved
                """, transaction: tx, cancellationToken: ct));
        }

        // The bounds check lets ATTACH skip scanning the new partition; it is redundant once attached.
        await connection.ExecuteAsync(new CommandDefinition(
            $"""
            ALTER TABLE {Quote(table.Name)} ATTACH PARTITION {name} FOR VALUES FROM ({from}) TO ({to});
            ALTER TABLE {name} DROP CONSTRAINT {Quote(partition.Name + "_bounds")};
            """, transaction: tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return new PartitionCreated(table, partition, moved);
    }

    private static async Task<long> PurgeDefaultAsync(NpgsqlConnection connection, MonthPartitionedTable table, string defaultPartition, DateOnly cutoff, CancellationToken ct)
    {
        await using var tx = await connection.BeginTransactionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition($"SET LOCAL lock_timeout = '{LockTimeout}'", transaction: tx, cancellationToken: ct));
        var purged = await connection.ExecuteAsync(new CommandDefinition(
            $"DELETE FROM {Quote(defaultPartition)} WHERE {table.MonthColumn} < {DateLiteral(cutoff)}", transaction: tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return purged;
    }

    private static async Task<IReadOnlyList<DateOnly>> MonthsInAsync(NpgsqlConnection connection, MonthPartitionedTable table, string partition, CancellationToken ct)
    {
        var months = await connection.QueryAsync<DateTime>(new CommandDefinition(
            $"SELECT DISTINCT {table.MonthColumn} FROM {Quote(partition)}", cancellationToken: ct));
        return [.. months.Select(DateOnly.FromDateTime)];
    }

    /// <returns>The number of rows dropped with the partition.</returns>
    private static async Task<long> DropAsync(NpgsqlConnection connection, MonthPartition partition, CancellationToken ct)
    {
        await using var tx = await connection.BeginTransactionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition($"SET LOCAL lock_timeout = '{LockTimeout}'", transaction: tx, cancellationToken: ct));
        // Counted for the log, so what retention removed stays on record.
        var rows = await connection.ExecuteScalarAsync<long>(new CommandDefinition($"SELECT count(*) FROM {Quote(partition.Name)}", transaction: tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition($"DROP TABLE {Quote(partition.Name)}", transaction: tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return rows;
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string DateLiteral(DateOnly date) => "'" + date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "'::date";

    private static DateOnly ParseDate(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^FOR VALUES FROM \('(?<from>\d{4}-\d{2}-\d{2})'\) TO \('(?<to>\d{4}-\d{2}-\d{2})'\)$")]
    private static partial Regex MonthBound();
}
