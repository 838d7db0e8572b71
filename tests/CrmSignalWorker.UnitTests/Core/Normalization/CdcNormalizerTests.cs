using CrmSignalWorker.Core.Actors;
using CrmSignalWorker.Core.Changes;
using CrmSignalWorker.Core.Normalization;

namespace CrmSignalWorker.UnitTests.Core.Normalization;

public sealed class CdcNormalizerTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 2, 14, 5, 9, TimeSpan.Zero);
    private static readonly byte[] Replay = [0, 0, 0, 0, 0x01, 0x04, 0xb6, 0x74];

    private static readonly ActorDirectory Directory = new(
    [
        new Actor("005000000000001AAA", "Ada AE", ActorKind.Human, "AE", "EMEA"),
        new Actor("005000000000002AAA", "Marketo Integration", ActorKind.Integration, "Integration", "unassigned"),
        new Actor("005000000000003AAA", "Automated Process", ActorKind.Automation, "Automation", "unassigned"),
    ]);

    private static ChangeEvent Event(
        string changeType,
        string[] recordIds,
        string[]? changed = null,
        string[]? nulled = null,
        string[]? diff = null,
        Dictionary<string, string?>? fields = null,
        string origin = "com/salesforce/api/soap/62.0;client=SfdcInternalAPI/",
        string user = "005000000000001AAA",
        string entity = "Opportunity") =>
        new(
            "6f3b2c1a-0000-4000-8000-000000000001",
            Replay,
            "schema1",
            "/data/OpportunityChangeEvent",
            new ChangeEventHeader(entity, recordIds, changeType, origin, "0001f3a7-tx", 1, At, 42, user, changed ?? [], nulled ?? [], diff ?? []),
            fields ?? []);

    [Fact]
    public void Normalize_UpdateOfMergedRecords_FansOutPerRecordAndFieldWithoutBookkeepingFields()
    {
        var changeEvent = Event(
            ChangeEventTypes.Update,
            ["006000000000001AAA", "006000000000002AAA"],
            changed: ["StageName", "LastModifiedDate", "Amount", "LastModifiedById"],
            nulled: ["NextStep"],
            fields: new() { ["StageName"] = "Negotiation/Review", ["Amount"] = "25000", ["LastModifiedDate"] = "2026-11-02T14:05:09.000Z", ["NextStep"] = null });

        var batch = CdcNormalizer.Normalize(changeEvent, Directory, new Dictionary<string, string> { ["006000000000002AAA"] = "APAC" });

        Assert.Equal(
            [
                ("006000000000001AAA", "StageName", "Negotiation/Review"),
                ("006000000000001AAA", "Amount", "25000"),
                ("006000000000001AAA", "NextStep", null),
                ("006000000000002AAA", "StageName", "Negotiation/Review"),
                ("006000000000002AAA", "Amount", "25000"),
                ("006000000000002AAA", "NextStep", null),
            ],
            batch.FieldChanges.Select(c => (c.RecordId, c.Field, c.NewValue)));
        var first = batch.FieldChanges[0];
        Assert.Equal("cdc:000000000104b674:006000000000001AAA:StageName", first.SourceKey);
        Assert.Equal(ChangeSource.Cdc, first.Source);
        Assert.Equal("Opportunity", first.ObjectName);
        Assert.Null(first.OldValue);
        Assert.Equal(At, first.ChangedAt);
        Assert.Equal("005000000000001AAA", first.ActorId);
        Assert.Equal((ActorKind.Human, "AE"), (first.ActorKind, first.Team));
        Assert.Equal(Channel.Ui, first.Channel);
        Assert.Equal("0001f3a7-tx", first.CorrelationId);
        Assert.Equal(["EMEA", "EMEA", "EMEA", "APAC", "APAC", "APAC"], batch.FieldChanges.Select(c => c.Market));
        Assert.Equal(2, batch.WorkflowEvents.Count);
        Assert.All(batch.WorkflowEvents, e => Assert.Equal((WorkflowEventType.StageChange, (string?)null, "Negotiation/Review"), (e.EventType, e.StageBefore, e.StageAfter)));
    }

    [Fact]
    public void Normalize_OwnerChangeFromAnIntegrationClient_IsAHandoffOnTheApiChannelWithItsClientName()
    {
        var changeEvent = Event(
            ChangeEventTypes.Update,
            ["00Q000000000001AAA"],
            changed: ["OwnerId"],
            fields: new() { ["OwnerId"] = "005000000000001AAA" },
            origin: "com/salesforce/api/rest/62.0;client=MarketoSync",
            user: "005000000000002AAA",
            entity: "Lead");

        var batch = CdcNormalizer.Normalize(changeEvent, Directory);

        var change = Assert.Single(batch.FieldChanges);
        Assert.Equal((Channel.Api, "MarketoSync", ActorKind.Integration), (change.Channel, change.ClientName, change.ActorKind));
        var handoff = Assert.Single(batch.WorkflowEvents);
        Assert.Equal((WorkflowEventType.Handoff, "005000000000001AAA"), (handoff.EventType, handoff.OwnerAfter));
    }

    [Fact]
    public void Normalize_EmptyOriginByTheAutomatedProcessUser_IsAutomation()
    {
        var changeEvent = Event(ChangeEventTypes.Update, ["006000000000001AAA"], changed: ["Amount"], fields: new() { ["Amount"] = "1" }, origin: "", user: "005000000000003AAA");

        Assert.Equal(Channel.Automation, Assert.Single(CdcNormalizer.Normalize(changeEvent, Directory).FieldChanges).Channel);
    }

    [Theory]
    [InlineData(ChangeEventTypes.Create, "created")]
    [InlineData(ChangeEventTypes.Delete, "deleted")]
    [InlineData(ChangeEventTypes.Undelete, "undeleted")]
    public void Normalize_LifecycleEvent_IsOneChangePerRecord(string changeType, string field)
    {
        var batch = CdcNormalizer.Normalize(Event(changeType, ["006000000000001AAA", "006000000000002AAA"]), Directory);

        Assert.Equal([field, field], batch.FieldChanges.Select(c => c.Field));
        Assert.Equal("cdc:000000000104b674:006000000000002AAA:" + field, batch.FieldChanges[1].SourceKey);
        Assert.All(batch.FieldChanges, c => Assert.Null(c.NewValue));
        // A creation is a workflow step (record created); a delete or undelete alone is not.
        Assert.Equal(
            changeType == ChangeEventTypes.Create ? [WorkflowEventType.RecordCreated, WorkflowEventType.RecordCreated] : [],
            batch.WorkflowEvents.Select(e => e.EventType));
    }

    [Fact]
    public void Normalize_DeleteCarryingMasterRecordId_IsTheMergedAwaySideOfAMerge()
    {
        var batch = CdcNormalizer.Normalize(
            Event(ChangeEventTypes.Delete, ["00Q000000000002AAA"], fields: new() { ["MasterRecordId"] = "00Q000000000001AAA" }, entity: "Lead"), Directory);

        Assert.Equal("deleted", Assert.Single(batch.FieldChanges).Field);
        var merged = Assert.Single(batch.WorkflowEvents);
        Assert.Equal(WorkflowEventType.RecordMerged, merged.EventType);
        Assert.Equal(("00Q000000000001AAA", "00Q000000000002AAA"), (merged.RecordId, merged.RelatedRecordId));
        Assert.Equal("0001f3a7-tx", merged.CorrelationId);
    }

    [Fact]
    public void Normalize_WithRules_StampsConfidenceEvidenceAndTheNamedIntegration()
    {
        var rules = new NormalizationRules(
            new ChannelRules(new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["MarketoSync"] = "Marketo" }, ChannelRules.DefaultImportClientPrefixes),
            CrmSignalWorker.Core.Workflow.WorkflowRules.None);

        var batch = CdcNormalizer.Normalize(
            Event(ChangeEventTypes.Update, ["006000000000001AAA"], changed: ["Amount"], fields: new() { ["Amount"] = "5" },
                origin: "com/salesforce/api/rest/62.0;client=MarketoSync", user: "005000000000002AAA"),
            Directory, rules: rules);

        var change = Assert.Single(batch.FieldChanges);
        Assert.Equal((Channel.Integration, "MarketoSync", "Marketo"), (change.Channel, change.ClientName, change.IntegrationName));
        Assert.Equal(AttributionConfidence.Certain, change.Confidence);
        Assert.Equal("changeOrigin client=MarketoSync (integration Marketo)", change.Evidence);
    }

    [Theory]
    [InlineData("GAP_UPDATE")]
    [InlineData("GAP_CREATE")]
    [InlineData("GAP_OVERFLOW")]
    [InlineData("SNAPSHOT")]
    public void Normalize_GapOverflowOrReservedEvent_ProducesNothing(string changeType)
    {
        var changeEvent = Event(changeType, changeType == "GAP_OVERFLOW" ? [] : ["006000000000001AAA"], changed: ["StageName"], fields: new() { ["StageName"] = "x" });

        var batch = CdcNormalizer.Normalize(changeEvent, Directory);

        Assert.Empty(batch.FieldChanges);
        Assert.Empty(batch.WorkflowEvents);
        Assert.Equal(changeType.StartsWith("GAP_", StringComparison.Ordinal), changeEvent.IsGap);
        Assert.Equal(changeType == "GAP_OVERFLOW", changeEvent.IsOverflow);
    }

    [Fact]
    public void Normalize_DiffField_KeepsTheWriteButNotTheDiffAsItsValue()
    {
        var changeEvent = Event(
            ChangeEventTypes.Update,
            ["006000000000001AAA"],
            changed: ["Description"],
            diff: ["Description"],
            fields: new() { ["Description"] = "--- \n+++ abc\n@@ -1 +1 @@" });

        var change = Assert.Single(CdcNormalizer.Normalize(changeEvent, Directory).FieldChanges);

        Assert.Equal("Description", change.Field);
        Assert.Null(change.NewValue);
    }

    [Fact]
    public void Normalize_WildcardRecordId_IsSkipped()
    {
        var batch = CdcNormalizer.Normalize(Event(ChangeEventTypes.Update, ["006*"], changed: ["Amount"]), Directory);

        Assert.Empty(batch.FieldChanges);
    }
}
