using CrmSignalWorker.Simulator.Query;
using CrmSignalWorker.Simulator.Soql;

namespace CrmSignalWorker.UnitTests.Simulator.Query;

public sealed class QueryExecutorTests
{
    [Fact]
    public void Execute_StringEquality_IgnoresCase()
    {
        Assert.Equal([TestOrg.BobId], Ids("SELECT Id FROM User WHERE Name = 'BOB BROWN'"));
    }

    [Fact]
    public void Execute_FifteenCharacterIdLiteral_MatchesEighteenCharacterId()
    {
        Assert.Equal([TestOrg.AliceId], Ids($"SELECT Id FROM User WHERE Id = '{TestOrg.AliceId[..15]}'"));
    }

    [Fact]
    public void Execute_FilterThroughRelationship_FollowsLookup()
    {
        Assert.Equal([TestOrg.AliceId, TestOrg.BobId], Ids("SELECT Id FROM User WHERE Profile.UserLicense.Name = 'Salesforce'"));
    }

    [Fact]
    public void Execute_NotEqual_IncludesNullValues()
    {
        Assert.Equal([TestOrg.BobId, TestOrg.AutoProcId], Ids("SELECT Id FROM User WHERE Market__c != 'EMEA'"));
    }

    [Fact]
    public void Execute_EqualsNull_MatchesOnlyNulls()
    {
        Assert.Equal([TestOrg.AutoProcId], Ids("SELECT Id FROM User WHERE ProfileId = null"));
    }

    [Fact]
    public void Execute_DateTimeRange_IsInclusiveAtLowerBound()
    {
        var ids = Ids("SELECT Id FROM OpportunityFieldHistory WHERE CreatedDate >= 2026-11-01T11:00:00Z AND CreatedDate < 2026-11-01T12:00:00.000+0000");

        Assert.Equal(["017000000000002AAA"], ids);
    }

    [Fact]
    public void Execute_Query_OmitsDeletedRowsButQueryAllKeepsThem()
    {
        const string Soql = "SELECT Id FROM OpportunityFieldHistory WHERE Field = 'StageName'";

        Assert.Equal(["017000000000001AAA"], Ids(Soql));
        Assert.Equal(["017000000000001AAA", "017000000000003AAA"], Ids(Soql, includeDeleted: true));
    }

    [Fact]
    public void Execute_NotInWithOrAndNot_CombinesConditions()
    {
        var ids = Ids("SELECT Id FROM User WHERE NOT (UserType IN ('AutomatedProcess') OR IsActive = false)");

        Assert.Equal([TestOrg.AliceId], ids);
    }

    [Fact]
    public void Execute_OrderByAscending_PutsNullsFirst()
    {
        Assert.Equal([TestOrg.AutoProcId, TestOrg.AliceId, TestOrg.BobId], Ids("SELECT Id FROM User ORDER BY Market__c"));
    }

    [Fact]
    public void Execute_OrderByDescendingNullsFirst_HonoursBoth()
    {
        Assert.Equal(
            [TestOrg.AutoProcId, TestOrg.BobId, TestOrg.AliceId],
            Ids("SELECT Id FROM User ORDER BY Market__c DESC NULLS FIRST"));
    }

    [Fact]
    public void Execute_OrderByTwoKeys_BreaksTiesWithSecondKey()
    {
        var ids = Ids("SELECT Id FROM OpportunityFieldHistory ORDER BY CreatedDate DESC, Id DESC", includeDeleted: true);

        Assert.Equal(["017000000000004AAA", "017000000000003AAA", "017000000000002AAA", "017000000000001AAA"], ids);
    }

    [Fact]
    public void Execute_Limit_CutsAfterSorting()
    {
        Assert.Equal([TestOrg.AutoProcId, TestOrg.BobId], Ids("SELECT Id FROM User ORDER BY CreatedDate DESC LIMIT 2"));
    }

    private static List<string> Ids(string soql, bool includeDeleted = false)
    {
        var database = TestOrg.Create();
        var bound = new QueryBinder(database, soql).Bind(SoqlParser.Parse(soql));
        return [.. QueryExecutor.Execute(database, bound, includeDeleted).Select(r => r.Id)];
    }
}
