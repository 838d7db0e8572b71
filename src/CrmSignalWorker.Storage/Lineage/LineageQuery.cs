using CrmSignalWorker.Core.Lineage;
using Dapper;
using Npgsql;

namespace CrmSignalWorker.Storage.Lineage;

/// <summary>
/// Counts the stored writes of every field in a window by writer and write path, in one aggregate query; the
/// shaping (shares, order) is <see cref="LineageInventory"/>'s.
/// </summary>
public sealed class LineageQuery(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// The writer's automation comes from the <c>Workflow_Event__e</c> events of the same transaction (correlation id)
    /// and record, published within a day of the window so partition pruning keeps the join small (an event is
    /// published at the commit it describes); the month predicates let Postgres skip the other month partitions. When those events name more than one automation the write's automation
    /// stays unknown rather than picked. To group by another writer attribute, add its column to both the select list
    /// and the GROUP BY, and a property to <see cref="WriterRow"/>.
    /// </summary>
    private const string Sql =
        """
        WITH automation AS (
            SELECT correlation_id, record_id,
                   CASE WHEN count(DISTINCT automation_id) = 1 THEN min(automation_id) END AS automation_id
              FROM workflow_event
             WHERE automation_id IS NOT NULL AND automation_id <> ''
               AND occurred_at >= @from - interval '1 day' AND occurred_at < @to + interval '1 day'
               AND occurred_month BETWEEN (date_trunc('month', (@from - interval '1 day') AT TIME ZONE 'UTC'))::date
                                      AND (date_trunc('month', (@to + interval '1 day') AT TIME ZONE 'UTC'))::date
             GROUP BY correlation_id, record_id
        )
        SELECT f.object_name   AS ObjectName,
               f.field         AS Field,
               f.actor_kind    AS ActorKind,
               f.team          AS Team,
               f.client_name   AS ClientName,
               a.automation_id AS AutomationId,
               f.channel       AS Channel,
               count(*)        AS Writes
          FROM field_change f
          LEFT JOIN automation a ON a.correlation_id = f.correlation_id AND a.record_id = f.record_id
         WHERE f.changed_at >= @from AND f.changed_at < @to
           AND f.changed_month BETWEEN (date_trunc('month', @from AT TIME ZONE 'UTC'))::date AND (date_trunc('month', @to AT TIME ZONE 'UTC'))::date
         GROUP BY f.object_name, f.field, f.actor_kind, f.team, f.client_name, a.automation_id, f.channel
        """;

    public async Task<IReadOnlyList<WriterTally>> WritersAsync(LineageWindow window, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(window);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<WriterRow>(new CommandDefinition(
            Sql, new { from = window.From, to = window.To }, cancellationToken: ct));
        return rows.Select(r => new WriterTally(r.ObjectName, r.Field, new Writer(r.ActorKind, r.Team, r.ClientName, r.AutomationId), r.Channel, r.Writes)).ToList();
    }

    private sealed class WriterRow
    {
        public string ObjectName { get; set; } = "";
        public string Field { get; set; } = "";
        public string ActorKind { get; set; } = "";
        public string? Team { get; set; }
        public string? ClientName { get; set; }
        public string? AutomationId { get; set; }
        public string Channel { get; set; } = "";
        public long Writes { get; set; }
    }
}
