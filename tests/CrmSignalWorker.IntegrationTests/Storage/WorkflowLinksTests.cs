using CrmSignalWorker.Core.Actors;
using CrmSignalWorker.Core.Changes;
using CrmSignalWorker.Core.Normalization;
using CrmSignalWorker.IntegrationTests.Infrastructure;
using CrmSignalWorker.Storage.Ingest;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;

namespace CrmSignalWorker.IntegrationTests.Storage;

/// <summary>What is settled across sources and batches once rows are stored: queue dwell, merges, announced automations.</summary>
public sealed class WorkflowLinksTests : IAsyncLifetime
{
    private const string Sdr = "005000000000001AAA";
    private const string Ae = "005000000000002AAA";
    private const string Queue = "00G000000000001AAA";
    private const string Lead = "00Q000000000001AAA";
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);
    private readonly PostgresDatabase _database = new();
    private readonly ActorDirectory _actors = new(
    [
        new Actor(Sdr, "Sam", ActorKind.Human, "SDR", "EMEA"),
        new Actor(Ae, "Ana", ActorKind.Human, "AE", "EMEA"),
    ]);

    private ChangeStore _store = null!;
    private int _rows;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _store = new ChangeStore(_database.DataSource, TimeProvider.System, NullLogger<ChangeStore>.Instance);
    }

    public Task DisposeAsync() => _database.DisposeAsync();

    private HistoryRow Row(string parent, string field, string? dataType, string? oldValue, string? newValue, string actor, DateTimeOffset at, string historyObject = "LeadHistory") =>
        new(historyObject, $"017{++_rows:D15}", parent, field, dataType, oldValue, newValue, actor, at);

    private Task<IngestResult> IngestAsync(NormalizedBatch batch, string stream = "history:LeadHistory") =>
        _store.IngestAsync(new IngestBatch(batch.FieldChanges, batch.WorkflowEvents, [], []), new Checkpoint(stream, Start, null), CancellationToken.None);

    private Task<IngestResult> IngestHistoryAsync(params HistoryRow[] rows) => IngestAsync(HistoryNormalizer.Normalize(rows, _actors));

    [Fact]
    public async Task HandoffUserToQueueToUser_StampsTheQueueDwellOnTheHandoffOutOfTheQueue()
    {
        // Into the queue in one poll, out of it in a later one: the dwell needs what an earlier batch stored.
        await IngestHistoryAsync(Row(Lead, "Owner", "EntityId", Sdr, Queue, Sdr, Start));
        await IngestHistoryAsync(Row(Lead, "Owner", "EntityId", Queue, Ae, Ae, Start.AddMinutes(95).AddSeconds(7)));

        await using var connection = await _database.DataSource.OpenConnectionAsync();
        var handoffs = (await connection.QueryAsync<(string Kind, long? Dwell)>(
            "SELECT handoff_kind, queue_dwell_seconds FROM workflow_event WHERE event_type = 'handoff' ORDER BY occurred_at")).ToList();
        Assert.Equal([("user_to_queue", (long?)null), ("queue_to_user", 95 * 60 + 7)], handoffs);
    }

    [Fact]
    public async Task HandoffOutOfAQueueWithoutAStoredEntry_LeavesTheDwellUnknown()
    {
        await IngestHistoryAsync(Row(Lead, "Owner", "EntityId", Queue, Ae, Ae, Start));

        Assert.Equal(1, await _database.CountAsync("workflow_event", "handoff_kind = 'queue_to_user' AND queue_dwell_seconds IS NULL"));
    }

    [Fact]
    public async Task Merge_KeepsBothRecordsHistory_AndLinksTheMergedAwayRecord()
    {
        const string Survivor = "00Q000000000001AAA";
        const string MergedAway = "00Q000000000002AAA";
        await IngestHistoryAsync(
            Row(Survivor, "Status", "DynamicEnum", "Open - Not Contacted", "Working - Contacted", Sdr, Start),
            Row(MergedAway, "Status", "DynamicEnum", "Open - Not Contacted", "Working - Contacted", Ae, Start.AddMinutes(1)),
            Row(MergedAway, "Owner", "EntityId", Sdr, Ae, Ae, Start.AddMinutes(2)));
        var mergedAt = Start.AddHours(2);

        // The merge: Salesforce deletes the merged-away lead (CDC DELETE, MasterRecordId not sent) and writes leadMerged on the survivor.
        await IngestAsync(CdcNormalizer.Normalize(
            new ChangeEvent("e-1", [0, 0, 0, 0, 0, 0, 0, 9], "schema-1", "/data/LeadChangeEvent",
                new ChangeEventHeader("Lead", [MergedAway], ChangeEventTypes.Delete, "com/salesforce/api/soap/62.0;client=SfdcInternalAPI/",
                    "tx-merge", 1, mergedAt.AddMilliseconds(250), 7, Sdr, [], [], []),
                new Dictionary<string, string?>()),
            _actors), "cdc:/data/LeadChangeEvent");
        await IngestHistoryAsync(Row(Survivor, "leadMerged", null, null, "Jane Doe", Sdr, mergedAt));

        Assert.Equal(2, await _database.CountAsync("field_change", $"record_id = '{MergedAway}' AND field <> 'deleted'"));
        Assert.Equal(1, await _database.CountAsync("field_change", $"record_id = '{MergedAway}' AND field = 'deleted'"));
        Assert.Equal(2, await _database.CountAsync("field_change", $"record_id = '{Survivor}'"));
        Assert.Equal(1, await _database.CountAsync("workflow_event", $"record_id = '{MergedAway}' AND event_type = 'handoff'"));
        Assert.Equal(1, await _database.CountAsync(
            "workflow_event", $"event_type = 'record_merged' AND record_id = '{Survivor}' AND related_record_id = '{MergedAway}'"));
    }

    [Fact]
    public async Task HistoryThenCdcThenWorkflowEvent_UpgradesTheAttributionAndNamesTheAutomation()
    {
        const string Opportunity = "006000000000001AAA";
        var committed = Start.AddMilliseconds(480);
        await IngestAsync(
            HistoryNormalizer.Normalize([Row(Opportunity, "StageName", "DynamicEnum", "Qualification", "Proposal/Price Quote", Ae, Start, "OpportunityFieldHistory")], _actors),
            "history:OpportunityFieldHistory");
        Assert.Equal(1, await _database.CountAsync("field_change", "channel = 'unknown' AND attribution_confidence IS NULL AND correlation_id LIKE 'hist:%'"));

        await IngestAsync(CdcNormalizer.Normalize(
            new ChangeEvent("e-2", [0, 0, 0, 0, 0, 0, 1, 0], "schema-1", "/data/OpportunityChangeEvent",
                new ChangeEventHeader("Opportunity", [Opportunity], ChangeEventTypes.Update, "com/salesforce/api/soap/62.0;client=SfdcInternalAPI/",
                    "tx-77", 1, committed, 8, Ae, ["StageName", "LastModifiedDate"], [], []),
                new Dictionary<string, string?> { ["StageName"] = "Proposal/Price Quote" }),
            _actors), "cdc:/data/OpportunityChangeEvent");

        await using var connection = await _database.DataSource.OpenConnectionAsync();
        var upgraded = await connection.QuerySingleAsync<(string Source, string Channel, string Confidence, string Evidence, string Correlation, string OldValue)>(
            "SELECT source, channel, attribution_confidence, attribution_evidence, correlation_id, old_value FROM field_change");
        Assert.Equal(("history", "ui", "certain", "changeOrigin client=SfdcInternalAPI/ (Lightning UI)", "tx-77", "Qualification"), upgraded);

        var message = new PlatformEvent("pe-1", [0, 0, 0, 0, 0, 0, 1, 1], "schema-2", WorkflowEventMessageNormalizer.Topic, committed, Ae,
            new Dictionary<string, string?>
            {
                ["Record_Id__c"] = Opportunity, ["Object_Name__c"] = "Opportunity", ["Event_Type__c"] = "stage_change",
                ["Stage_Before__c"] = "Qualification", ["Stage_After__c"] = "Proposal/Price Quote",
                ["Automation_Id__c"] = "Opportunity_Stage_Flow", ["Correlation_Id__c"] = "tx-77",
            });
        await IngestAsync(new NormalizedBatch([], [WorkflowEventMessageNormalizer.Normalize(message, _actors)]), "cdc:/event/Workflow_Event__e");

        var announced = await connection.QuerySingleAsync<(string Channel, string AutomationId, string Confidence, string Evidence)>(
            "SELECT channel, automation_id, attribution_confidence, attribution_evidence FROM field_change");
        Assert.Equal(("automation", "Opportunity_Stage_Flow", "certain", "Workflow_Event__e automation=Opportunity_Stage_Flow"), announced);
        Assert.Equal(1, await _database.CountAsync(
            "workflow_event", "source_key LIKE 'history:%' AND automation_id = 'Opportunity_Stage_Flow' AND channel = 'automation'"));
    }
}
