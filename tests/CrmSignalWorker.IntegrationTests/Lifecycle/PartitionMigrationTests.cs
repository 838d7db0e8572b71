using CrmSignalWorker.Core.Actors;
using CrmSignalWorker.Core.Changes;
using CrmSignalWorker.Core.Normalization;
using CrmSignalWorker.IntegrationTests.Infrastructure;
using CrmSignalWorker.Storage;
using CrmSignalWorker.Storage.Ingest;
using CrmSignalWorker.Storage.Lifecycle;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CrmSignalWorker.IntegrationTests.Lifecycle;

/// <summary>Migration 0007 on a database that already holds rows, as an upgraded deployment runs it.</summary>
public sealed class PartitionMigrationTests : IAsyncLifetime
{
    private const string Opportunity = "006000000000001AAA";
    private const string Writer = "005000000000001AAA";
    private const int VersionBeforePartitioning = 6;

    // Writes at the edges of a month: CDC keeps milliseconds, history cuts them, and both copies must share a month.
    private static readonly DateTimeOffset EndOfJanuary = new(2026, 1, 31, 23, 59, 59, 412, TimeSpan.Zero);
    private static readonly DateTimeOffset StartOfFebruary = new(2026, 2, 1, 0, 0, 0, 250, TimeSpan.Zero);
    private static readonly DateTimeOffset InDecember = new(2025, 12, 10, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset InNovember = new(2025, 11, 3, 8, 0, 0, TimeSpan.Zero);

    private readonly string _name = "crmsignal_partition_" + Guid.NewGuid().ToString("N")[..12];
    private readonly ActorDirectory _actors = new([new Actor(Writer, "Ana", ActorKind.Human, "AE", "EMEA")]);
    private NpgsqlDataSource _dataSource = null!;

    public async Task InitializeAsync()
    {
        await using (var admin = new NpgsqlConnection(TestEnvironment.PostgresConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {_name}", admin);
            await create.ExecuteNonQueryAsync();
        }

        _dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(TestEnvironment.PostgresConnectionString) { Database = _name }.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await _dataSource.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(TestEnvironment.PostgresConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    /// <summary>The schema as the previous release left it, the way MigrationRunner records it.</summary>
    private async Task MigrateToVersionBeforePartitioningAsync()
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync("CREATE TABLE schema_migration (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())");
        foreach (var migration in MigrationRunner.Embedded().Where(m => m.Version <= VersionBeforePartitioning))
        {
            await connection.ExecuteAsync(migration.Sql);
            await connection.ExecuteAsync("INSERT INTO schema_migration (version, name) VALUES (@Version, @Name)", new { migration.Version, migration.Name });
        }
    }

    private NormalizedBatch FromCdc(string stage, DateTimeOffset at, byte replay) => CdcNormalizer.Normalize(
        new ChangeEvent(
            $"event-{replay}",
            [0, 0, 0, 0, 0, 0, 0, replay],
            "schema-1",
            "/data/OpportunityChangeEvent",
            new ChangeEventHeader("Opportunity", [Opportunity], ChangeEventTypes.Update, "com/salesforce/api/rest/60.0;client=MarketoSync",
                "tx-" + replay, 1, at, 42, Writer, ["StageName"], [], []),
            new Dictionary<string, string?> { ["StageName"] = stage }),
        _actors);

    private NormalizedBatch FromHistory(string historyId, string? before, string after, DateTimeOffset at) => HistoryNormalizer.Normalize(
        [new HistoryRow("OpportunityFieldHistory", historyId, Opportunity, "StageName", "DynamicEnum", before, after, Writer, at)], _actors);

    private static DateTimeOffset WholeSecond(DateTimeOffset at) => at.AddTicks(-(at.Ticks % TimeSpan.TicksPerSecond));

    /// <summary>Rows written as the old schema took them (no month column).</summary>
    private async Task SeedOldSchemaAsync(params NormalizedBatch[] batches)
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        foreach (var change in batches.SelectMany(b => b.FieldChanges))
        {
            await connection.ExecuteAsync(
                """
                INSERT INTO field_change (source_key, write_key, source, object_name, record_id, field, old_value, new_value, changed_at,
                                          actor_id, actor_kind, team, channel, client_name, correlation_id, market)
                VALUES (@SourceKey, @WriteKey, @Source, @ObjectName, @RecordId, @Field, @OldValue, @NewValue, @ChangedAt,
                        @ActorId, @ActorKind, @Team, @Channel, @ClientName, @CorrelationId, @Market)
                """,
                new
                {
                    change.SourceKey, change.WriteKey, Source = DbText.Of(change.Source), change.ObjectName, change.RecordId, change.Field, change.OldValue,
                    change.NewValue, ChangedAt = change.ChangedAt.ToUniversalTime(), change.ActorId, ActorKind = DbText.Of(change.ActorKind), change.Team,
                    Channel = DbText.Of(change.Channel), change.ClientName, change.CorrelationId, change.Market,
                });
        }

        foreach (var e in batches.SelectMany(b => b.WorkflowEvents))
        {
            await connection.ExecuteAsync(
                """
                INSERT INTO workflow_event (source_key, write_key, event_type, object_name, record_id, occurred_at, stage_before, stage_after,
                                            owner_before, owner_after, actor_id, actor_kind, team, channel, sla_clock_state, automation_id, correlation_id, market)
                VALUES (@SourceKey, @WriteKey, @EventType, @ObjectName, @RecordId, @OccurredAt, @StageBefore, @StageAfter,
                        @OwnerBefore, @OwnerAfter, @ActorId, @ActorKind, @Team, @Channel, @SlaClockState, @AutomationId, @CorrelationId, @Market)
                """,
                new
                {
                    e.SourceKey, e.WriteKey, EventType = DbText.Of(e.EventType), e.ObjectName, e.RecordId, OccurredAt = e.OccurredAt.ToUniversalTime(),
                    e.StageBefore, e.StageAfter, e.OwnerBefore, e.OwnerAfter, e.ActorId, ActorKind = DbText.Of(e.ActorKind), e.Team,
                    Channel = DbText.Of(e.Channel), e.SlaClockState, e.AutomationId, e.CorrelationId, e.Market,
                });
        }
    }

    // Every column the old schema had, ids included, so "kept" means kept exactly.
    private async Task<(long FieldChanges, string FieldDigest, long WorkflowEvents, string EventDigest)> SnapshotAsync()
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        return await connection.QuerySingleAsync<(long, string, long, string)>(
            """
            SELECT (SELECT count(*) FROM field_change),
                   (SELECT md5(string_agg(row(id, source_key, source, object_name, record_id, field, old_value, new_value, changed_at, actor_id,
                                              actor_kind, team, channel, client_name, correlation_id, market, ingested_at, write_key)::text, '|' ORDER BY id))
                      FROM field_change),
                   (SELECT count(*) FROM workflow_event),
                   (SELECT md5(string_agg(row(id, source_key, event_type, object_name, record_id, occurred_at, stage_before, stage_after, owner_before,
                                              owner_after, actor_id, actor_kind, team, channel, sla_clock_state, automation_id, correlation_id, market,
                                              write_key)::text, '|' ORDER BY id))
                      FROM workflow_event)
            """);
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<long>(sql);
    }

    private async Task SeedAndMigrateAsync()
    {
        await MigrateToVersionBeforePartitioningAsync();
        // CDC delivered the month-edge writes first (no old values); history delivered the two older ones.
        await SeedOldSchemaAsync(
            FromCdc("Proposal", EndOfJanuary, 1),
            FromCdc("Negotiation", StartOfFebruary, 2),
            FromHistory("017000000000001AAA", "Prospecting", "Qualification", InNovember),
            FromHistory("017000000000002AAA", "Qualification", "Needs Analysis", InDecember));
    }

    [Fact]
    public async Task Migrate_WithRows_KeepsEveryRowAndColumnAndId()
    {
        await SeedAndMigrateAsync();
        var before = await SnapshotAsync();

        var version = await new MigrationRunner(_dataSource, NullLogger<MigrationRunner>.Instance).ApplyAsync(CancellationToken.None);

        Assert.True(version > VersionBeforePartitioning);
        Assert.Equal(4, before.FieldChanges);
        Assert.Equal(4, before.WorkflowEvents);
        Assert.Equal(before, await SnapshotAsync());
        Assert.Equal(2, await CountAsync("SELECT count(*) FROM pg_partitioned_table WHERE partrelid IN ('field_change'::regclass, 'workflow_event'::regclass)"));
    }

    [Fact]
    public async Task Migrate_WithRows_PutsEachRowInAPartitionOfItsUtcMonth_AndAddsTheComingMonthsAndADefault()
    {
        await SeedAndMigrateAsync();

        // A session in another time zone must not move a row across a month edge.
        var settings = new NpgsqlConnectionStringBuilder(_dataSource.ConnectionString) { Timezone = "America/Los_Angeles" };
        await using (var pacific = NpgsqlDataSource.Create(settings.ConnectionString))
        {
            await new MigrationRunner(pacific, NullLogger<MigrationRunner>.Instance).ApplyAsync(CancellationToken.None);
        }

        var maintenance = new PartitionMaintenance(_dataSource);
        var thisMonth = RetentionWindow.MonthOf(DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime));
        foreach (var table in MonthPartitionedTable.All)
        {
            var months = (await maintenance.ListAsync(table, CancellationToken.None)).Select(p => p.From).ToList();
            Assert.Superset(
                new HashSet<DateOnly> { new(2025, 11, 1), new(2025, 12, 1), new(2026, 1, 1), new(2026, 2, 1), thisMonth, thisMonth.AddMonths(1), thisMonth.AddMonths(2) },
                months.ToHashSet());
            Assert.Equal(1, await CountAsync($"SELECT count(*) FROM pg_inherits WHERE inhparent = '{table.Name}'::regclass AND inhrelid = '{table.DefaultPartition}'::regclass"));
            Assert.Equal(0, await CountAsync(
                $"SELECT count(*) FROM {table.Name} WHERE tableoid::regclass::text <> '{table.Name}_' || to_char({table.TimeColumn} AT TIME ZONE 'UTC', 'YYYY_MM')"));
        }

        Assert.Equal(1, await CountAsync("SELECT count(*) FROM field_change_2026_01"));
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM field_change_2026_02"));
    }

    [Fact]
    public async Task Migrate_WithRows_KeepsBothDeduplications_AndTheReconciliationOfOldValues()
    {
        await SeedAndMigrateAsync();
        await new MigrationRunner(_dataSource, NullLogger<MigrationRunner>.Instance).ApplyAsync(CancellationToken.None);
        var store = new ChangeStore(_dataSource, TimeProvider.System, NullLogger<ChangeStore>.Instance);

        // History now delivers the month-edge writes CDC stored before the migration (whole seconds), CDC repeats one
        // event, and history repeats an old row: the same writes, by write key and by source key.
        var again = new[]
        {
            FromHistory("017000000000003AAA", "Qualification", "Proposal", WholeSecond(EndOfJanuary)),
            FromHistory("017000000000004AAA", "Proposal", "Negotiation", WholeSecond(StartOfFebruary)),
            FromCdc("Proposal", EndOfJanuary, 1),
            FromHistory("017000000000002AAA", "Qualification", "Needs Analysis", InDecember),
        };
        var result = await store.IngestAsync(
            new IngestBatch([.. again.SelectMany(b => b.FieldChanges)], [.. again.SelectMany(b => b.WorkflowEvents)], [], []),
            new Checkpoint("history:OpportunityFieldHistory", InDecember, null),
            CancellationToken.None);

        Assert.Equal((0, 0), (result.FieldChanges, result.WorkflowEvents));
        Assert.Equal(4, await CountAsync("SELECT count(*) FROM field_change"));
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM field_change WHERE source = 'cdc' AND new_value = 'Proposal' AND old_value = 'Qualification'"));
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM field_change WHERE source = 'cdc' AND new_value = 'Negotiation' AND old_value = 'Proposal'"));
        Assert.Equal(4, await CountAsync("SELECT count(*) FROM workflow_event"));
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM workflow_event WHERE stage_after = 'Negotiation' AND stage_before = 'Proposal'"));
    }

    [Fact]
    public async Task Migrate_WithRows_NewRowsGetIdsAfterTheOldOnes()
    {
        await SeedAndMigrateAsync();
        var maxBefore = await CountAsync("SELECT max(id) FROM field_change");
        await new MigrationRunner(_dataSource, NullLogger<MigrationRunner>.Instance).ApplyAsync(CancellationToken.None);
        var store = new ChangeStore(_dataSource, TimeProvider.System, NullLogger<ChangeStore>.Instance);

        var fresh = FromHistory("017000000000009AAA", "Needs Analysis", "Closed Won", new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        await store.IngestAsync(new IngestBatch(fresh.FieldChanges, fresh.WorkflowEvents, [], []), new Checkpoint("history:OpportunityFieldHistory", InDecember, null), CancellationToken.None);

        Assert.True(await CountAsync("SELECT id FROM field_change WHERE new_value = 'Closed Won'") > maxBefore);
    }
}
