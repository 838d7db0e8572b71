using CrmSignalWorker.Core.Workflow;

namespace CrmSignalWorker.UnitTests.Core.Workflow;

public sealed class StageOrderTests
{
    private static StageOrder CreateSut() => new(
        ["Prospecting", "Qualification", "Needs Analysis", "Value Proposition", "Id. Decision Makers", "Perception Analysis", "Proposal/Price Quote", "Negotiation/Review"],
        ["Closed Won", "Closed Lost"]);

    [Theory]
    [InlineData("Prospecting", "Qualification", StageDirection.Forward, null)]
    [InlineData("Qualification", "Value Proposition", StageDirection.Skip, 1)]
    [InlineData("Prospecting", "Negotiation/Review", StageDirection.Skip, 6)]
    [InlineData("Proposal/Price Quote", "Qualification", StageDirection.Backward, null)]
    [InlineData("Qualification", "Closed Won", StageDirection.Closed, null)]
    [InlineData("Negotiation/Review", "Closed Lost", StageDirection.Closed, null)]
    [InlineData("Closed Won", "Closed Lost", StageDirection.Closed, null)]
    [InlineData("Closed Lost", "Qualification", StageDirection.Reopened, null)]
    public void Classify_ConfiguredStages_GivesDirectionAndSkippedStages(string before, string after, StageDirection direction, int? skipped) =>
        Assert.Equal(new StageMovement(direction, skipped), CreateSut().Classify(before, after));

    [Theory]
    [InlineData(null, "Qualification")]
    [InlineData("Qualification", null)]
    [InlineData("Qualification", "Qualification")]
    [InlineData("Qualification", "Custom Stage")]
    [InlineData("Legacy Stage", "Qualification")]
    public void Classify_StageBeforeUnknownOrNotConfigured_IsUnknownRatherThanGuessed(string? before, string? after) =>
        Assert.Equal(StageMovement.Unknown, CreateSut().Classify(before, after));

    [Fact]
    public void MovementOf_ObjectWithoutAnOrder_IsUnknown() =>
        Assert.Equal(StageDirection.Unknown, WorkflowRules.None.MovementOf("Case", "New", "Working").Direction);

    [Theory]
    [InlineData("005000000000001AAA", "00G000000000001AAA", HandoffKind.UserToQueue)]
    [InlineData("00G000000000001AAA", "005000000000002AAA", HandoffKind.QueueToUser)]
    [InlineData("005000000000001AAA", "005000000000002AAA", HandoffKind.UserToUser)]
    [InlineData("00G000000000001AAA", "00G000000000002", HandoffKind.QueueToQueue)]
    [InlineData(null, "00G000000000001AAA", HandoffKind.Unknown)]
    public void HandoffOf_UsersAndQueues_AreToldApartByTheQueuePrefix(string? before, string after, HandoffKind kind) =>
        Assert.Equal(kind, OwnerIds.HandoffOf(before, after));
}
