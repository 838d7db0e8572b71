using CrmSignalWorker.Core.Lineage;
using Dapper;
using Npgsql;

namespace CrmSignalWorker.Storage.Lineage;

/// <summary>
/// Counts the stored writes of the fields that can be stage or owner fields, per object, source and field, and how many
/// have a known actor kind and channel; <see cref="AttributionCoverage"/> keeps the stage and owner ones and works out
/// the shares.
/// </summary>
public sealed class AttributionCoverageQuery(NpgsqlDataSource dataSource)
{
    public async Task<IReadOnlyList<CoverageTally>> TalliesAsync(LineageWindow window, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(window);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<TallyRow>(new CommandDefinition(
            """
            SELECT object_name AS ObjectName, source AS Source, field AS Field,
                   count(*) AS Changes,
                   count(*) FILTER (WHERE actor_kind <> 'unknown' AND channel <> 'unknown') AS Attributed
              FROM field_change
             WHERE changed_at >= @from AND changed_at < @to AND field = ANY(@fields)
               -- The partition key, so only the window's month partitions are read.
               AND changed_month BETWEEN (date_trunc('month', @from AT TIME ZONE 'UTC'))::date AND (date_trunc('month', @to AT TIME ZONE 'UTC'))::date
             GROUP BY object_name, source, field
            """,
            new { from = window.From, to = window.To, fields = AttributionCoverage.CandidateFields.ToArray() },
            cancellationToken: ct));
        return rows.Select(r => new CoverageTally(r.ObjectName, r.Source, r.Field, r.Changes, r.Attributed)).ToList();
    }

    private sealed class TallyRow
    {
        public string ObjectName { get; set; } = "";
        public string Source { get; set; } = "";
        public string Field { get; set; } = "";
        public long Changes { get; set; }
        public long Attributed { get; set; }
    }
}
