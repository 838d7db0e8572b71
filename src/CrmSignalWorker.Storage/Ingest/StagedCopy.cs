using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace CrmSignalWorker.Storage.Ingest;

/// <summary>A column of a staged COPY: its name, wire type and how to read it from a row.</summary>
internal sealed record StagedColumn<T>(string Name, NpgsqlDbType Type, Func<T, object?> Value);

/// <summary>
/// A column the staging table computes from the copied ones, such as a partition key derived from a timestamp: one SQL
/// expression fills it, so it cannot disagree with the row, and the reconcile statement can use it too.
/// </summary>
internal sealed record ComputedColumn(string Name, string SqlType, string Expression);

/// <summary>
/// Binary COPY that skips rows already stored. COPY itself cannot skip conflicts, so rows go into a
/// temporary table shaped like the target (dropped at commit) and move over with ON CONFLICT DO NOTHING.
/// Each table's columns are declared once, in <see cref="ChangeStore"/>.
/// </summary>
/// <remarks>
/// <c>conflictKey</c> null means any unique constraint: a row is skipped when it repeats a stored row by any of its
/// keys. <c>reconcileSql</c>, when given, runs between the COPY and the insert with <c>{staging}</c> replaced by the
/// staging table's name, so a repeat can still improve the stored row (for example fill in a value it lacked).
/// <c>computed</c>, when given, is added to the staging table as a stored generated column and inserted with the rest.
/// </remarks>
internal static class StagedCopy
{
    /// <returns>The number of rows that were new.</returns>
    public static async Task<int> WriteAsync<T>(
        NpgsqlConnection connection,
        NpgsqlTransaction tx,
        string table,
        string? conflictKey,
        IReadOnlyList<StagedColumn<T>> columns,
        IReadOnlyList<T> rows,
        CancellationToken ct,
        string? reconcileSql = null,
        ComputedColumn? computed = null)
    {
        if (rows.Count == 0)
        {
            return 0;
        }

        var names = string.Join(", ", columns.Select(c => c.Name));
        var staging = "staged_" + table;
        var create = $"CREATE TEMP TABLE {staging} ON COMMIT DROP AS SELECT {names} FROM {table} WITH NO DATA";
        if (computed is not null)
        {
            create += $"; ALTER TABLE {staging} ADD COLUMN {computed.Name} {computed.SqlType} GENERATED ALWAYS AS ({computed.Expression}) STORED";
        }

        await connection.ExecuteAsync(new CommandDefinition(create, transaction: tx, cancellationToken: ct));

        await using (var importer = await connection.BeginBinaryImportAsync($"COPY {staging} ({names}) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var row in rows)
            {
                await importer.StartRowAsync(ct);
                foreach (var column in columns)
                {
                    if (column.Value(row) is { } value)
                    {
                        await importer.WriteAsync(value, column.Type, ct);
                    }
                    else
                    {
                        await importer.WriteNullAsync(ct);
                    }
                }
            }

            await importer.CompleteAsync(ct);
        }

        if (reconcileSql is not null)
        {
            await connection.ExecuteAsync(new CommandDefinition(reconcileSql.Replace("{staging}", staging, StringComparison.Ordinal), transaction: tx, cancellationToken: ct));
        }

        var conflict = conflictKey is null ? "ON CONFLICT DO NOTHING" : $"ON CONFLICT ({conflictKey}) DO NOTHING";
        var inserted = computed is null ? names : $"{names}, {computed.Name}";
        return await connection.ExecuteAsync(new CommandDefinition(
            $"INSERT INTO {table} ({inserted}) SELECT {inserted} FROM {staging} {conflict}", transaction: tx, cancellationToken: ct));
    }
}
