using CrmSignalWorker.Core.Actors;
using CrmSignalWorker.Core.Changes;
using CrmSignalWorker.Core.Normalization;
using CrmSignalWorker.Core.Workflow;

namespace CrmSignalWorker.UnitTests.Core.Normalization;

public sealed class DerivedWorkflowEventTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 2, 14, 5, 9, TimeSpan.Zero);
    private const string Ae = "005000000000001AAA";

    private static readonly ActorDirectory Directory = new([new Actor(Ae, "Ada AE", ActorKind.Human, "AE", "EMEA")]);

    private static readonly NormalizationRules Rules = new(
        ChannelRules.Default,
        new WorkflowRules(new Dictionary<string, StageOrder>
        {
            ["Opportunity"] = new(["Prospecting", "Qualification", "Needs Analysis", "Value Proposition", "Proposal/Price Quote"], ["Closed Won", "Closed Lost"]),
            ["Lead"] = new(["Open - Not Contacted", "Working - Contacted"], ["Closed - Converted", "Closed - Not Converted"]),
        }));

    private static HistoryRow Row(string field, string? dataType, string? oldValue, string? newValue, string historyObject = "OpportunityFieldHistory", string parent = "006000000000001AAA") =>
        new(historyObject, "017000000000001AAA", parent, field, dataType, oldValue, newValue, Ae, At);

    private static WorkflowEvent Single(HistoryRow row) => Assert.Single(HistoryNormalizer.Normalize([row], Directory, rules: Rules).WorkflowEvents);

    [Theory]
    [InlineData("Prospecting", "Qualification", StageDirection.Forward, null)]
    [InlineData("Prospecting", "Proposal/Price Quote", StageDirection.Skip, 3)]
    [InlineData("Value Proposition", "Qualification", StageDirection.Backward, null)]
    [InlineData("Qualification", "Closed Lost", StageDirection.Closed, null)]
    public void Normalize_StageChange_CarriesDirectionAndSkippedStages(string before, string after, StageDirection direction, int? skipped)
    {
        var stage = Single(Row("StageName", "DynamicEnum", before, after));

        Assert.Equal((direction, skipped), (stage.StageDirection, stage.StagesSkipped));
    }

    [Fact]
    public void Normalize_LeadStatusSkip_UsesTheLeadOrder()
    {
        var stage = Single(Row("Status", "DynamicEnum", "Open - Not Contacted", "Closed - Converted", "LeadHistory", "00Q000000000001AAA"));

        Assert.Equal(StageDirection.Closed, stage.StageDirection);
    }

    [Fact]
    public void Normalize_OwnerIdRowIntoAQueue_IsAUserToQueueHandoff()
    {
        var handoff = Single(Row("Owner", "EntityId", Ae, "00G000000000001AAA"));

        Assert.Equal(HandoffKind.UserToQueue, handoff.HandoffKind);
    }

    [Fact]
    public void Normalize_CreatedRow_IsARecordCreatedEvent()
    {
        var created = Single(Row("created", null, null, null, "LeadHistory", "00Q000000000001AAA"));

        Assert.Equal((WorkflowEventType.RecordCreated, "Lead"), (created.EventType, created.ObjectName));
    }

    [Theory]
    [InlineData("leadMerged", "LeadHistory", "00Q000000000001AAA", "Jane Doe (old)", null)]
    [InlineData("accountMerged", "AccountHistory", "001000000000001AAA", "001000000000009AAA", "001000000000009AAA")]
    public void Normalize_MergeRow_IsARecordMergedEventOnTheSurvivor(string field, string historyObject, string survivor, string value, string? related)
    {
        var merged = Single(Row(field, null, null, value, historyObject, survivor));

        Assert.Equal(WorkflowEventType.RecordMerged, merged.EventType);
        Assert.Equal((survivor, related), (merged.RecordId, merged.RelatedRecordId));
    }

    [Fact]
    public void Normalize_HistoryWriteOfAHuman_IsUnknownWithItsReason()
    {
        var change = Assert.Single(HistoryNormalizer.Normalize([Row("Amount", "Currency", "1", "2")], Directory, rules: Rules).FieldChanges);

        Assert.Equal((Channel.Unknown, (AttributionConfidence?)null), (change.Channel, change.Confidence));
        Assert.Equal("history has no origin; actor is human", change.Evidence);
    }
}
