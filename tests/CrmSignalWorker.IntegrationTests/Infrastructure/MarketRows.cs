using CrmSignalWorker.Core.Changes;
using CrmSignalWorker.Storage.Ingest;
using CrmSignalWorker.Storage.Records;
using Microsoft.Extensions.Logging.Abstractions;

namespace CrmSignalWorker.IntegrationTests.Infrastructure;

/// <summary>
/// Rows of three records written the worker's own way (ChangeStore, RecordStore): one in EMEA, one in APAC, one whose
/// record has no market. Market scoping tests read them back through scoped sessions.
/// </summary>
internal static class MarketRows
{
    public const string EmeaRecord = "006EMEA0000001AAAA";
    public const string ApacRecord = "006APAC0000001AAAA";
    public const string UnmarketedRecord = "006NONE0000001AAAA";

    public static readonly DateTimeOffset T0 = new(2026, 1, 15, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Field writes per market value as stored: EMEA 2, APAC 1, unassigned 1.</summary>
    public const int FieldWrites = 4;

    /// <summary>Workflow events: EMEA 2, APAC 1.</summary>
    public const int WorkflowEvents = 3;

    public static async Task WriteAsync(PostgresDatabase database)
    {
        var changes = new ChangeStore(database.DataSource, TimeProvider.System, NullLogger<ChangeStore>.Instance);
        var batch = new IngestBatch(
            [
                Write("h1", EmeaRecord, "StageName", "Prospecting", "Qualification", T0.AddMinutes(1), "EMEA"),
                Write("h2", EmeaRecord, "Amount", "1000", "5000", T0.AddMinutes(10), "EMEA"),
                Write("h3", ApacRecord, "StageName", "Prospecting", "Closed Won", T0.AddMinutes(2), "APAC"),
                Write("h4", UnmarketedRecord, "StageName", null, "Prospecting", T0.AddMinutes(3), "unassigned"),
            ],
            [
                Event("e1", EmeaRecord, WorkflowEventType.StageChange, T0.AddMinutes(1), null, "EMEA") with { StageBefore = "Prospecting", StageAfter = "Qualification" },
                Event("e2", EmeaRecord, WorkflowEventType.Handoff, T0.AddMinutes(5), "flow-routing", "EMEA") with { OwnerBefore = "005A", OwnerAfter = "005B" },
                Event("e3", ApacRecord, WorkflowEventType.StageChange, T0.AddMinutes(2), null, "APAC"),
            ],
            [],
            []);
        await changes.IngestAsync(batch, new Checkpoint("history:OpportunityFieldHistory", T0.AddHours(1), null), CancellationToken.None);

        var records = new RecordStore(database.DataSource, TimeProvider.System);
        await records.UpsertAsync(
            [
                new CrmRecord("Opportunity", EmeaRecord, "Emea Deal", "005B", "EMEA", T0.AddMinutes(10)),
                new CrmRecord("Opportunity", ApacRecord, "Apac Deal", "005C", "APAC", T0.AddMinutes(2)),
                new CrmRecord("Opportunity", UnmarketedRecord, "Nobody's Deal", "005D", null, T0.AddMinutes(3)),
            ],
            new Checkpoint("records:Opportunity", T0.AddHours(1), null),
            CancellationToken.None);
    }

    private static FieldChange Write(string id, string record, string field, string? before, string after, DateTimeOffset at, string market) => new(
        "history:OpportunityFieldHistory:" + id, ChangeSource.History, "Opportunity", record, field, before, after, at,
        "005A", ActorKind.Human, "AE", Channel.Ui, null, $"hist:{record}:005A:{at.ToUnixTimeSeconds()}", market);

    private static WorkflowEvent Event(string id, string record, WorkflowEventType type, DateTimeOffset at, string? automation, string market) => new(
        "pe:test:" + id, type, "Opportunity", record, at, null, null, null, null,
        automation is null ? "005A" : null, automation is null ? ActorKind.Human : ActorKind.Automation, automation is null ? "AE" : null,
        automation is null ? Channel.Ui : Channel.Automation, null, automation, "tx-" + id, market);
}
