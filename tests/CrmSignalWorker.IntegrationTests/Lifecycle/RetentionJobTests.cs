using CrmSignalWorker.Core.Actors;
using CrmSignalWorker.Core.Changes;
using CrmSignalWorker.Core.Normalization;
using CrmSignalWorker.IntegrationTests.Infrastructure;
using CrmSignalWorker.IntegrationTests.Notifications;
using CrmSignalWorker.Lifecycle;
using CrmSignalWorker.Storage.Ingest;
using CrmSignalWorker.Storage.Lifecycle;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CrmSignalWorker.IntegrationTests.Lifecycle;

/// <summary>The retention job on a real database: partitions ahead, rows out of DEFAULT, old months dropped whole.</summary>
public sealed class RetentionJobTests : IAsyncLifetime
{
    private const string Writer = "005000000000001AAA";

    // Years after the migration ran, so the partitions it made for its own months are old by then too.
    private static readonly DateTimeOffset January2031 = new(2031, 1, 10, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset March2031 = new(2031, 3, 5, 12, 0, 0, TimeSpan.Zero);

    private readonly PostgresDatabase _database = new();
    private readonly ActorDirectory _actors = new([new Actor(Writer, "Ana", ActorKind.Human, "AE", "EMEA")]);
    private readonly FakeTimeProvider _time = new(January2031);
    private readonly CapturingLogger<RetentionJob> _log = new();
    private ChangeStore _store = null!;
    private PartitionMaintenance _partitions = null!;
    private int _nextId;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _store = new ChangeStore(_database.DataSource, TimeProvider.System, NullLogger<ChangeStore>.Instance);
        _partitions = new PartitionMaintenance(_database.DataSource);
    }

    public Task DisposeAsync() => _database.DisposeAsync();

    private RetentionJob Job(int months) => new(_partitions, Options.Create(new RetentionOptions { Months = months }), _time, _log);

    /// <summary>One stage change per instant (a field change and its workflow event); the same instants give the same rows.</summary>
    private Task<IngestResult> IngestAsync(params DateTimeOffset[] at)
    {
        var rows = at.Select(t => new HistoryRow(
            "OpportunityFieldHistory", $"017{t:yyyyMMddHHmm}AAAAA"[..18], "006000000000001AAA", "StageName", "DynamicEnum", "Prospecting", $"Stage {t:yyyy-MM-dd}", Writer, t));
        var batch = HistoryNormalizer.Normalize(rows, _actors);
        return _store.IngestAsync(
            new IngestBatch(batch.FieldChanges, batch.WorkflowEvents, [], []), new Checkpoint("history:test" + _nextId++, at[0], null), CancellationToken.None);
    }

    private async Task<List<DateOnly>> MonthsAsync(MonthPartitionedTable table) =>
        [.. (await _partitions.ListAsync(table, CancellationToken.None)).Select(p => p.From)];

    private static DateOnly Month(int year, int month) => new(year, month, 1);

    [Fact]
    public async Task RunOnce_CreatesThisAndTheNextTwoMonths_AndMovesRowsOutOfDefaultIntoTheirMonth()
    {
        await IngestAsync(new(2030, 10, 20, 9, 0, 0, TimeSpan.Zero), new(2030, 12, 31, 23, 59, 59, TimeSpan.Zero), new(2031, 1, 2, 8, 0, 0, TimeSpan.Zero));
        Assert.Equal(3, await _database.CountAsync("field_change_default"));

        await Job(months: 3).RunOnceAsync(CancellationToken.None);

        foreach (var table in MonthPartitionedTable.All)
        {
            // The migration's own months are years before the cutoff (2030-10) and went; 2030-11 held no rows.
            Assert.Equal([Month(2030, 10), Month(2030, 12), Month(2031, 1), Month(2031, 2), Month(2031, 3)], await MonthsAsync(table));
            Assert.Equal(0, await _database.CountAsync(table.DefaultPartition));
            Assert.Equal(3, await _database.CountAsync(table.Name));
        }

        Assert.Equal(1, await _database.CountAsync("field_change_2030_12"));
        Assert.Contains("Created partition field_change_2030_12 of field_change for 2030-12; 1 rows moved", _log.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunOnce_AfterRowsMovedIntoANewPartition_StillStoresEachRowOnce()
    {
        DateTimeOffset[] writes = [new(2030, 12, 31, 23, 59, 59, TimeSpan.Zero), new(2031, 1, 2, 8, 0, 0, TimeSpan.Zero)];
        await IngestAsync(writes);
        await Job(months: 3).RunOnceAsync(CancellationToken.None);

        // The attached partitions got the unique indexes of the table, so a re-read adds nothing.
        var again = await IngestAsync(writes);

        Assert.Equal((0, 0), (again.FieldChanges, again.WorkflowEvents));
        Assert.Equal(2, await _database.CountAsync("field_change"));
        Assert.Equal(2, await _database.CountAsync("workflow_event"));
    }

    [Fact]
    public async Task RunOnce_WhenMonthsPassTheCutoff_DropsOnlyThoseMonthsAndNeverDefault()
    {
        await IngestAsync(new(2030, 10, 20, 9, 0, 0, TimeSpan.Zero), new(2030, 12, 31, 23, 59, 59, TimeSpan.Zero), new(2031, 1, 2, 8, 0, 0, TimeSpan.Zero));
        await Job(months: 3).RunOnceAsync(CancellationToken.None);
        // A row of a month that has no partition and is already past the cutoff in March lands in DEFAULT.
        await IngestAsync(new DateTimeOffset(2030, 11, 15, 0, 0, 0, TimeSpan.Zero));
        _time.SetUtcNow(March2031);

        await Job(months: 3).RunOnceAsync(CancellationToken.None);

        foreach (var table in MonthPartitionedTable.All)
        {
            // Cutoff 2030-12: October goes, December stays, April and May are created ahead.
            Assert.Equal([Month(2030, 12), Month(2031, 1), Month(2031, 2), Month(2031, 3), Month(2031, 4), Month(2031, 5)], await MonthsAsync(table));
            Assert.Equal(2, await _database.CountAsync(table.Name));
            Assert.Equal(0, await _database.CountAsync(table.Name, $"{table.TimeColumn} < '2030-12-01T00:00:00Z'"));
            Assert.Equal(1, await _database.CountAsync("pg_class", $"relname = '{table.DefaultPartition}'"));
        }

        Assert.Contains("Retention dropped partition field_change_2030_10 of field_change (2030-10-01 up to 2030-11-01) with 1 rows", _log.AllText, StringComparison.Ordinal);
        Assert.Contains("Retention deleted 1 rows from before 2030-12-01 out of the DEFAULT partition of workflow_event", _log.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunOnce_WhileAnotherRunHoldsTheLock_ChangesNothing()
    {
        await IngestAsync(new DateTimeOffset(2030, 12, 31, 23, 59, 59, TimeSpan.Zero));
        await using var other = await _database.DataSource.OpenConnectionAsync();
        await other.ExecuteAsync("SELECT pg_advisory_lock(@key)", new { key = PartitionMaintenance.AdvisoryLockKey });

        await Job(months: 3).RunOnceAsync(CancellationToken.None);

        Assert.Equal(1, await _database.CountAsync("field_change_default"));
        Assert.DoesNotContain(Month(2030, 12), await MonthsAsync(MonthPartitionedTable.FieldChange));
        Assert.Contains("Partition maintenance skipped", _log.AllText, StringComparison.Ordinal);
    }
}
