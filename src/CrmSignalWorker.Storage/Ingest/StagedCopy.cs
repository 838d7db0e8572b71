using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace CrmSignalWorker.Storage.Ingest;

/// <summary>
/// A column of a COPY: its name, and how to write its value from a row with the value's own type. Each value type
/// has its own constructor so a row's timestamps and numbers reach Npgsql unboxed, and Npgsql does not have to look
/// up a converter by the runtime type of every value.
/// </summary>
internal sealed class StagedColumn<T>
{
    private readonly Func<NpgsqlBinaryImporter, T, CancellationToken, Task> _write;

    public StagedColumn(string name, NpgsqlDbType type, Func<T, string?> value)
        : this(name, (importer, row, ct) => value(row) is { } text ? importer.WriteAsync(text, type, ct) : importer.WriteNullAsync(ct))
    {
    }

    public StagedColumn(string name, NpgsqlDbType type, Func<T, DateTimeOffset> value)
        : this(name, (importer, row, ct) => importer.WriteAsync(value(row), type, ct))
    {
    }

    public StagedColumn(string name, NpgsqlDbType type, Func<T, decimal?> value)
        : this(name, (importer, row, ct) => value(row) is { } number ? importer.WriteAsync(number, type, ct) : importer.WriteNullAsync(ct))
    {
    }

    public StagedColumn(string name, NpgsqlDbType type, Func<T, DateOnly?> value)
        : this(name, (importer, row, ct) => value(row) is { } date ? importer.WriteAsync(date, type, ct) : importer.WriteNullAsync(ct))
    {
    }

    private StagedColumn(string name, Func<NpgsqlBinaryImporter, T, CancellationToken, Task> write)
    {
        Name = name;
        _write = write;
    }

    public string Name { get; }

    public Task WriteAsync(NpgsqlBinaryImporter importer, T row, CancellationToken ct) => _write(importer, row, ct);
}

/// <summary>
/// A column the staging table computes from the copied ones, such as a partition key derived from a timestamp: one SQL
/// expression fills it, so it cannot disagree with the row, and the reconcile statement can use it too.
/// </summary>
internal sealed record ComputedColumn(string Name, string SqlType, string Expression);

/// <summary>
/// Binary COPY, straight into a table or through staging so rows already stored are skipped. COPY itself cannot skip
/// conflicts, so staged rows go into a temporary table shaped like the target (dropped at commit) and move over with
/// ON CONFLICT DO NOTHING. Each table's columns are declared once, in <see cref="ChangeStore"/>.
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
        await CopyAsync(connection, staging, columns, rows, ct);

        if (reconcileSql is not null)
        {
            await connection.ExecuteAsync(new CommandDefinition(reconcileSql.Replace("{staging}", staging, StringComparison.Ordinal), transaction: tx, cancellationToken: ct));
        }

        var conflict = conflictKey is null ? "ON CONFLICT DO NOTHING" : $"ON CONFLICT ({conflictKey}) DO NOTHING";
        var inserted = computed is null ? names : $"{names}, {computed.Name}";
        return await connection.ExecuteAsync(new CommandDefinition(
            $"INSERT INTO {table} ({inserted}) SELECT {inserted} FROM {staging} {conflict}", transaction: tx, cancellationToken: ct));
    }

    /// <summary>
    /// Copies every row into <paramref name="table"/> as it is. A row that repeats a stored one by a unique key fails
    /// the whole COPY (and the transaction) with a unique violation.
    /// </summary>
    /// <returns>The number of rows copied.</returns>
    public static async Task<int> CopyAsync<T>(
        NpgsqlConnection connection, string table, IReadOnlyList<StagedColumn<T>> columns, IReadOnlyList<T> rows, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return 0;
        }

        var names = string.Join(", ", columns.Select(c => c.Name));
        await using var importer = await connection.BeginBinaryImportAsync($"COPY {table} ({names}) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(ct);
            foreach (var column in columns)
            {
                await column.WriteAsync(importer, row, ct);
            }
        }

        return checked((int)await importer.CompleteAsync(ct));
    }
}
