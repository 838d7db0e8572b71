using CrmSignalWorker.Core.Lineage;

namespace CrmSignalWorker.UnitTests.Core.Lineage;

public sealed class AttributionCoverageTests
{
    [Theory]
    [InlineData("Opportunity", "StageName", true)]
    [InlineData("Opportunity", "OwnerId", true)]
    [InlineData("Lead", "Status", true)]
    [InlineData("Case", "Status", true)]
    [InlineData("Lead", "StageName", false)]
    [InlineData("Opportunity", "Status", false)]
    [InlineData("Account", "Status", false)]
    [InlineData("Opportunity", "Owner", false)]
    [InlineData("Opportunity", "Amount", false)]
    public void IsStageOrOwnerChange_KnowsEachObjectsStageField(string objectName, string field, bool expected) =>
        Assert.Equal(expected, AttributionCoverage.IsStageOrOwnerChange(objectName, field));

    [Fact]
    public void CandidateFields_HoldEveryStageAndOwnerField()
    {
        foreach (var objectName in (string[])["Opportunity", "Lead", "Case"])
        {
            Assert.Contains(CrmSignalWorker.Core.Normalization.SalesforceObjects.StageFieldOf(objectName)!, AttributionCoverage.CandidateFields);
        }

        Assert.Contains("OwnerId", AttributionCoverage.CandidateFields);
    }

    [Fact]
    public void Build_SharePerObjectAndSource_AndPerObjectOverEverySource()
    {
        var coverage = AttributionCoverage.Build(
        [
            new("Opportunity", "history", "StageName", 60, 30),
            new("Opportunity", "history", "OwnerId", 40, 10),
            new("Opportunity", "cdc", "StageName", 50, 45),
            new("Lead", "history", "Status", 10, 9),
        ]);

        Assert.Equal(
            [("Lead", "history", 10L, 9L, 0.9m, true), ("Opportunity", "cdc", 50L, 45L, 0.9m, true), ("Opportunity", "history", 100L, 40L, 0.4m, false)],
            coverage.BySource.Select(s => (s.ObjectName, s.Source!, s.Changes, s.Attributed, s.Share, s.MeetsTarget)));
        Assert.Equal(
            [("Lead", 0.9m, true), ("Opportunity", 85m / 150m, false)],
            coverage.ByObject.Select(s => (s.ObjectName, s.Share, s.MeetsTarget)));
        Assert.All(coverage.ByObject, s => Assert.Null(s.Source));
    }

    [Fact]
    public void Build_IgnoresFieldsThatAreNotTheObjectsStageOrOwner()
    {
        var coverage = AttributionCoverage.Build(
        [
            new("Opportunity", "history", "Owner", 40, 0),
            new("Opportunity", "history", "Status", 5, 0),
            new("Opportunity", "history", "StageName", 10, 10),
        ]);

        Assert.Equal(10, Assert.Single(coverage.ByObject).Changes);
    }

    [Theory]
    [InlineData(80, 100, true)]
    [InlineData(79, 100, false)]
    [InlineData(4, 5, true)]
    public void Build_ExactlyTheTargetMeetsIt(long attributed, long changes, bool meets) =>
        Assert.Equal(meets, AttributionCoverage.Build([new("Lead", "cdc", "Status", changes, attributed)]).ByObject.Single().MeetsTarget);

    [Fact]
    public void Build_WithAnotherTarget_JudgesAgainstIt() =>
        Assert.True(AttributionCoverage.Build([new("Lead", "cdc", "OwnerId", 10, 5)], target: 0.5m).ByObject.Single().MeetsTarget);

    [Fact]
    public void Build_NoChanges_HasNoRowsRatherThanAShareNobodyEarned() =>
        Assert.Empty(AttributionCoverage.Build([new("Lead", "cdc", "Status", 0, 0)]).ByObject);

    [Fact]
    public void Build_MoreAttributedThanChanges_IsRefused() =>
        Assert.Throws<ArgumentException>(() => AttributionCoverage.Build([new("Lead", "cdc", "Status", 1, 2)]));
}
