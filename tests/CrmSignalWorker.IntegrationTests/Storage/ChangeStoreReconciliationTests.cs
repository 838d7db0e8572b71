using CrmSignalWorker.Core.Actors;
using CrmSignalWorker.Core.Changes;
using CrmSignalWorker.Core.Normalization;
using CrmSignalWorker.IntegrationTests.Infrastructure;
using CrmSignalWorker.Storage.Ingest;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;

namespace CrmSignalWorker.IntegrationTests.Storage;

/// <summary>The same write delivered by CDC and by field history is stored once, whichever arrives first.</summary>
public sealed class ChangeStoreReconciliationTests : IAsyncLifetime
{
    private const string Opportunity = "006000000000001AAA";
    private const string Writer = "005000000000001AAA";
    private static readonly DateTimeOffset CommittedAt = new(2026, 11, 20, 14, 3, 7, 412, TimeSpan.Zero);
    private readonly PostgresDatabase _database = new();
    private readonly ActorDirectory _actors = new([new Actor(Writer, "Ana", ActorKind.Human, "AE", "EMEA")]);
    private ChangeStore _store = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _store = new ChangeStore(_database.DataSource, TimeProvider.System, NullLogger<ChangeStore>.Instance);
    }

    public Task DisposeAsync() => _database.DisposeAsync();

    private NormalizedBatch FromCdc(string stage, DateTimeOffset at, byte replay) => CdcNormalizer.Normalize(
        new ChangeEvent(
            $"event-{replay}",
            [0, 0, 0, 0, 0, 0, 0, replay],
            "schema-1",
            "/data/OpportunityChangeEvent",
            new ChangeEventHeader("Opportunity", [Opportunity], ChangeEventTypes.Update, "com/salesforce/api/rest/60.0;client=MarketoSync",
                "tx-" + replay, 1, at, 42, Writer, ["StageName", "LastModifiedDate"], [], []),
            new Dictionary<string, string?> { ["StageName"] = stage, ["LastModifiedDate"] = "2026-11-20T14:03:07.412Z" }),
        _actors);

    private NormalizedBatch FromHistory(string historyId, string? before, string after, DateTimeOffset at) => HistoryNormalizer.Normalize(
        [new HistoryRow("OpportunityFieldHistory", historyId, Opportunity, "StageName", "DynamicEnum", before, after, Writer, at)], _actors);

    private Task<IngestResult> IngestAsync(NormalizedBatch batch, string stream) =>
        _store.IngestAsync(new IngestBatch(batch.FieldChanges, batch.WorkflowEvents, [], []), new Checkpoint(stream, CommittedAt, null), CancellationToken.None);

    private async Task<(string Source, string? OldValue, string? NewValue)> SingleRowAsync()
    {
        await using var connection = await _database.DataSource.OpenConnectionAsync();
        return await connection.QuerySingleAsync<(string, string?, string?)>("SELECT source, old_value, new_value FROM field_change");
    }

    [Fact]
    public async Task CdcThenHistory_StoresOneRow_AndHistoryFillsInTheOldValueAndStageBefore()
    {
        await IngestAsync(FromCdc("Proposal", CommittedAt, 1), "cdc:/data/OpportunityChangeEvent");
        // History keeps whole seconds.
        await IngestAsync(FromHistory("017000000000001AAA", "Qualification", "Proposal", CommittedAt.AddMilliseconds(-412)), "history:OpportunityFieldHistory");

        Assert.Equal(("cdc", "Qualification", "Proposal"), await SingleRowAsync());
        Assert.Equal(1, await _database.CountAsync("workflow_event", "stage_before = 'Qualification' AND stage_after = 'Proposal'"));
        Assert.Equal(1, await _database.CountAsync("workflow_event"));
    }

    [Fact]
    public async Task HistoryThenCdc_StoresOneRow_AndKeepsHistorysOldValue()
    {
        await IngestAsync(FromHistory("017000000000001AAA", "Qualification", "Proposal", CommittedAt.AddMilliseconds(-412)), "history:OpportunityFieldHistory");
        await IngestAsync(FromCdc("Proposal", CommittedAt, 1), "cdc:/data/OpportunityChangeEvent");

        Assert.Equal(("history", "Qualification", "Proposal"), await SingleRowAsync());
        Assert.Equal(1, await _database.CountAsync("workflow_event"));
    }

    [Fact]
    public async Task TwoDifferentWritesInOneSecond_AreBothKept()
    {
        // An automation moving a deal two stages within one second is exactly what the stage-jump signal looks for.
        var cdc = FromCdc("Proposal", CommittedAt, 1);
        var second = FromCdc("Negotiation", CommittedAt.AddMilliseconds(300), 2);
        await IngestAsync(new NormalizedBatch([.. cdc.FieldChanges, .. second.FieldChanges], [.. cdc.WorkflowEvents, .. second.WorkflowEvents]), "cdc:/data/OpportunityChangeEvent");
        await IngestAsync(FromHistory("017000000000001AAA", "Qualification", "Proposal", CommittedAt.AddMilliseconds(-412)), "history:OpportunityFieldHistory");
        await IngestAsync(FromHistory("017000000000002AAA", "Proposal", "Negotiation", CommittedAt.AddMilliseconds(-412)), "history:OpportunityFieldHistory");

        Assert.Equal(2, await _database.CountAsync("field_change"));
        Assert.Equal(1, await _database.CountAsync("field_change", "new_value = 'Negotiation' AND old_value = 'Proposal'"));
        Assert.Equal(2, await _database.CountAsync("workflow_event"));
    }

    [Fact]
    public async Task AWriteInAnotherSecond_IsADifferentWrite()
    {
        await IngestAsync(FromCdc("Proposal", CommittedAt, 1), "cdc:/data/OpportunityChangeEvent");
        await IngestAsync(FromHistory("017000000000001AAA", "Qualification", "Proposal", CommittedAt.AddSeconds(5)), "history:OpportunityFieldHistory");

        Assert.Equal(2, await _database.CountAsync("field_change"));
    }

    [Fact]
    public async Task SameCdcBatchTwice_SecondAddsNothing_AndStillMovesTheCheckpoint()
    {
        var first = FromCdc("Proposal", CommittedAt, 1);
        var second = FromCdc("Negotiation", CommittedAt.AddSeconds(1), 2);
        var batch = new NormalizedBatch([.. first.FieldChanges, .. second.FieldChanges], [.. first.WorkflowEvents, .. second.WorkflowEvents]);
        Assert.True(ChangeStore.CopiesStraight(new IngestBatch(batch.FieldChanges, batch.WorkflowEvents, [], [])));

        var stored = await IngestAsync(batch, "cdc:/data/OpportunityChangeEvent");
        // A re-delivery after a crash: the straight COPY is refused and the batch goes through staging.
        var again = await _store.IngestAsync(
            new IngestBatch(batch.FieldChanges, batch.WorkflowEvents, [], []),
            new Checkpoint("cdc:/data/OpportunityChangeEvent", CommittedAt.AddSeconds(1), [9]),
            CancellationToken.None);

        Assert.Equal((2, 2), (stored.FieldChanges, stored.WorkflowEvents));
        Assert.Equal((0, 0), (again.FieldChanges, again.WorkflowEvents));
        Assert.Equal(2, await _database.CountAsync("field_change"));
        Assert.Equal(2, await _database.CountAsync("workflow_event"));
        Assert.Equal(1, await _database.CountAsync("checkpoint", "stream = 'cdc:/data/OpportunityChangeEvent' AND replay_id = '\\x09'::bytea"));
    }

    [Fact]
    public async Task CdcBatchPartlyStoredByHistory_StoresOnlyTheNewWrites_AndHistorysOldValueStays()
    {
        await IngestAsync(FromHistory("017000000000001AAA", "Qualification", "Proposal", CommittedAt.AddMilliseconds(-412)), "history:OpportunityFieldHistory");
        var known = FromCdc("Proposal", CommittedAt, 1);
        var fresh = FromCdc("Negotiation", CommittedAt.AddSeconds(3), 2);

        var result = await IngestAsync(
            new NormalizedBatch([.. known.FieldChanges, .. fresh.FieldChanges], [.. known.WorkflowEvents, .. fresh.WorkflowEvents]),
            "cdc:/data/OpportunityChangeEvent");

        Assert.Equal((1, 1), (result.FieldChanges, result.WorkflowEvents));
        Assert.Equal(2, await _database.CountAsync("field_change"));
        Assert.Equal(1, await _database.CountAsync("field_change", "source = 'history' AND old_value = 'Qualification' AND new_value = 'Proposal'"));
        Assert.Equal(1, await _database.CountAsync("field_change", "source = 'cdc' AND new_value = 'Negotiation'"));
    }

    [Fact]
    public void CopiesStraight_ABatchWithValuesToFillIn_GoesThroughStaging()
    {
        var history = FromHistory("017000000000001AAA", "Qualification", "Proposal", CommittedAt);

        Assert.False(ChangeStore.CopiesStraight(new IngestBatch(history.FieldChanges, history.WorkflowEvents, [], [])));
    }
}
