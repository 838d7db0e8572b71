using CrmSignalWorker.Core.Actors;
using CrmSignalWorker.Core.Changes;
using CrmSignalWorker.Core.Normalization;

namespace CrmSignalWorker.UnitTests.Core.Normalization;

public sealed class HistoryNormalizerTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 2, 14, 5, 9, TimeSpan.Zero);

    private static readonly ActorDirectory Directory = new(
    [
        new Actor("005000000000001AAA", "Ada AE", ActorKind.Human, "AE", "EMEA"),
        new Actor("005000000000002AAA", "Marketo Integration", ActorKind.Integration, "Integration", "unassigned"),
        new Actor("005000000000003AAA", "Automated Process", ActorKind.Automation, "Automation", "unassigned"),
    ]);

    private static HistoryRow Row(string field, string? dataType, string? oldValue, string? newValue, string actor = "005000000000001AAA", string historyObject = "OpportunityFieldHistory", string id = "017000000000001AAA") =>
        new(historyObject, id, "006000000000001AAA", field, dataType, oldValue, newValue, actor, At);

    [Fact]
    public void Normalize_StageNameRow_BecomesAFieldChangeAndAStageChangeEvent()
    {
        var batch = HistoryNormalizer.Normalize([Row("StageName", "Picklist", "Qualification", "Proposal/Price Quote")], Directory);

        var change = Assert.Single(batch.FieldChanges);
        Assert.Equal("Opportunity", change.ObjectName);
        Assert.Equal("StageName", change.Field);
        Assert.Equal("history:OpportunityFieldHistory:017000000000001AAA", change.SourceKey);
        Assert.Equal(ActorKind.Human, change.ActorKind);
        Assert.Equal("AE", change.Team);
        Assert.Equal("EMEA", change.Market);
        Assert.Equal(Channel.Unknown, change.Channel);
        var stage = Assert.Single(batch.WorkflowEvents);
        Assert.Equal(WorkflowEventType.StageChange, stage.EventType);
        Assert.Equal(("Qualification", "Proposal/Price Quote"), (stage.StageBefore, stage.StageAfter));
        Assert.Equal(change.SourceKey, stage.SourceKey);
    }

    [Fact]
    public void Normalize_OwnerChangePair_StoresBothRowsButOnlyTheIdRowIsAHandoff()
    {
        var batch = HistoryNormalizer.Normalize(
        [
            Row("Owner", "EntityId", "005000000000009AAA", "005000000000001AAA", id: "017000000000001AAA"),
            Row("Owner", "Text", "Sam SDR", "Ada AE", id: "017000000000002AAA"),
        ], Directory);

        Assert.Equal(["OwnerId", "Owner"], batch.FieldChanges.Select(c => c.Field));
        var handoff = Assert.Single(batch.WorkflowEvents);
        Assert.Equal(WorkflowEventType.Handoff, handoff.EventType);
        Assert.Equal(("005000000000009AAA", "005000000000001AAA"), (handoff.OwnerBefore, handoff.OwnerAfter));
        Assert.Null(handoff.StageAfter);
    }

    [Fact]
    public void Normalize_LeadStatusRow_IsTheLeadsStageChange()
    {
        var batch = HistoryNormalizer.Normalize([Row("Status", "Picklist", "Open - Not Contacted", "Working - Contacted", historyObject: "LeadHistory")], Directory);

        Assert.Equal("Lead", Assert.Single(batch.FieldChanges).ObjectName);
        Assert.Equal(WorkflowEventType.StageChange, Assert.Single(batch.WorkflowEvents).EventType);
    }

    [Fact]
    public void Normalize_AmountRow_IsAFieldChangeWithoutAWorkflowEvent()
    {
        var batch = HistoryNormalizer.Normalize([Row("Amount", "Currency", "1000", "25000")], Directory);

        Assert.Single(batch.FieldChanges);
        Assert.Empty(batch.WorkflowEvents);
    }

    [Theory]
    [InlineData("005000000000002AAA", ActorKind.Integration, Channel.Api)]
    [InlineData("005000000000003AAA", ActorKind.Automation, Channel.Automation)]
    [InlineData("005000000000001AAA", ActorKind.Human, Channel.Unknown)]
    public void Normalize_ChannelOfAHistoryRow_IsSettledOnlyByTheActor(string actor, ActorKind kind, Channel channel)
    {
        var change = Assert.Single(HistoryNormalizer.Normalize([Row("Amount", "Currency", "1", "2", actor)], Directory).FieldChanges);

        Assert.Equal(kind, change.ActorKind);
        Assert.Equal(channel, change.Channel);
    }

    [Fact]
    public void Normalize_UnknownUser_StaysUnknownRatherThanGuessed()
    {
        var change = Assert.Single(HistoryNormalizer.Normalize([Row("Amount", "Currency", "1", "2", "005999999999999AAA")], Directory).FieldChanges);

        Assert.Equal(ActorKind.Unknown, change.ActorKind);
        Assert.Equal(Channel.Unknown, change.Channel);
        Assert.Null(change.Team);
        Assert.Equal(Actor.UnknownMarket, change.Market);
    }

    [Fact]
    public void Normalize_WritesOfOneUserToOneRecordInOneSecond_ShareACorrelationId()
    {
        var batch = HistoryNormalizer.Normalize(
        [
            Row("StageName", "Picklist", "A", "B", id: "017000000000001AAA"),
            Row("Amount", "Currency", "1", "2", id: "017000000000002AAA"),
            Row("Amount", "Currency", "2", "3", "005000000000002AAA", id: "017000000000003AAA"),
        ], Directory);

        Assert.Equal(batch.FieldChanges[0].CorrelationId, batch.FieldChanges[1].CorrelationId);
        Assert.NotEqual(batch.FieldChanges[0].CorrelationId, batch.FieldChanges[2].CorrelationId);
    }

    [Fact]
    public void Normalize_RecordWithAKnownMarket_IsSegmentedByTheRecordNotTheWriter()
    {
        var markets = new Dictionary<string, string> { ["006000000000001AAA"] = "APAC" };

        var batch = HistoryNormalizer.Normalize([Row("StageName", "Picklist", "A", "B", "005000000000002AAA")], Directory, markets);

        Assert.Equal("APAC", Assert.Single(batch.FieldChanges).Market);
        Assert.Equal("APAC", Assert.Single(batch.WorkflowEvents).Market);
    }

    [Fact]
    public void Normalize_RecordNotSyncedYet_FallsBackToTheWritersMarket()
    {
        var batch = HistoryNormalizer.Normalize([Row("StageName", "Picklist", "A", "B")], Directory, new Dictionary<string, string>());

        Assert.Equal("EMEA", Assert.Single(batch.FieldChanges).Market);
    }

    [Theory]
    [InlineData("OpportunityFieldHistory", "Opportunity")]
    [InlineData("LeadHistory", "Lead")]
    [InlineData("AccountHistory", "Account")]
    [InlineData("Invoice__History", "Invoice__c")]
    public void TrackedObjectOf_HistoryObjectName_NamesTheTrackedObject(string historyObject, string expected) =>
        Assert.Equal(expected, SalesforceObjects.TrackedObjectOf(historyObject));

    [Fact]
    public void TrackedObjectOf_NotAHistoryObject_IsRejectedByName()
    {
        var error = Assert.Throws<ArgumentException>(() => SalesforceObjects.TrackedObjectOf("Opportunity"));

        Assert.Contains("'Opportunity'", error.Message, StringComparison.Ordinal);
    }
}
