using Dapper;

namespace CrmSignalWorker.IntegrationTests.Infrastructure;

/// <summary>
/// Field writes and workflow events put straight into the tables, for tests of what reads them (lineage, coverage):
/// each gets its own source and write key, and its month column as the partitioning check wants it.
/// </summary>
public sealed class StoredWrites(PostgresDatabase database)
{
    private int _next;

    public async Task AddFieldChangeAsync(
        string objectName, string field, DateTimeOffset at, string actorKind, string? team, string channel,
        string? clientName = null, string correlationId = "tx", string recordId = "006000000000001AAA", string source = "cdc")
    {
        var n = Interlocked.Increment(ref _next);
        await using var connection = await database.DataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            """
            INSERT INTO field_change (source_key, source, object_name, record_id, field, new_value, changed_at, actor_id, actor_kind, team,
                                      channel, client_name, correlation_id, market, write_key, changed_month)
            VALUES (@Key, @Source, @ObjectName, @RecordId, @Field, 'v', @At, '005000000000001AAA', @ActorKind, @Team,
                    @Channel, @ClientName, @CorrelationId, 'NA', @Key, (date_trunc('month', @At AT TIME ZONE 'UTC'))::date)
            """,
            new { Key = $"test:{n}", Source = source, ObjectName = objectName, RecordId = recordId, Field = field, At = at.ToUniversalTime(),
                ActorKind = actorKind, Team = team, Channel = channel, ClientName = clientName, CorrelationId = correlationId });
    }

    public async Task AddWorkflowEventAsync(string automationId, DateTimeOffset at, string correlationId, string recordId = "006000000000001AAA")
    {
        var n = Interlocked.Increment(ref _next);
        await using var connection = await database.DataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            """
            INSERT INTO workflow_event (source_key, event_type, object_name, record_id, occurred_at, actor_kind, channel, automation_id,
                                        correlation_id, market, write_key, occurred_month)
            VALUES (@Key, 'stage_change', 'Opportunity', @RecordId, @At, 'automation', 'automation', @AutomationId,
                    @CorrelationId, 'NA', @Key, (date_trunc('month', @At AT TIME ZONE 'UTC'))::date)
            """,
            new { Key = $"pe:test:{n}", RecordId = recordId, At = at.ToUniversalTime(), AutomationId = automationId, CorrelationId = correlationId });
    }
}
