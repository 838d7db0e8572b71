using CrmSignalWorker.Core.Calendars;
using CrmSignalWorker.Core.Sla;

namespace CrmSignalWorker.UnitTests.Core.Sla;

public sealed class SlaPolicySetTests
{
    private static SlaPolicy Policy(string name, string? market = null, string? leadSource = null, string objectName = "Lead", string state = SlaTestData.Open) =>
        new(name, objectName, "Status", state, TimeSpan.FromHours(4)) { Market = market, LeadSource = leadSource };

    private static SlaPolicySet CreateSut(params SlaPolicy[] policies) => SlaTestData.Policies(policies);

    [Theory]
    [InlineData("DACH", "Web", "dach-web")]
    [InlineData("DACH", "Partner", "dach")]
    [InlineData("NORDICS", "Web", "web")]
    [InlineData("NORDICS", "Partner", "any")]
    [InlineData("NORDICS", null, "any")]
    public void Match_SeveralPoliciesApply_PicksTheMostSpecific(string market, string? leadSource, string expected)
    {
        var sut = CreateSut(Policy("any"), Policy("web", leadSource: "Web"), Policy("dach", market: "DACH"), Policy("dach-web", market: "DACH", leadSource: "Web"));

        Assert.Equal(expected, sut.Match("Lead", market, leadSource, "Status", SlaTestData.Open)?.Name);
    }

    [Fact]
    public void Match_AnotherObjectOrState_MatchesNothing()
    {
        var sut = CreateSut(Policy("lead"));

        Assert.Null(sut.Match("Opportunity", "DACH", null, "Status", SlaTestData.Open));
        Assert.Null(sut.Match("Lead", "DACH", null, "Status", "Working - Contacted"));
        Assert.Null(sut.Match("Lead", "DACH", null, "Rating", SlaTestData.Open));
    }

    [Fact]
    public void Match_EquallySpecific_TakesTheFirstConfigured() =>
        Assert.Equal("first", CreateSut(Policy("first"), Policy("second")).Match("lead", "dach", null, "status", SlaTestData.Open)?.Name);

    [Fact]
    public void Match_MarketWithoutCalendarAndNoDefault_MatchesNothing()
    {
        var sut = new SlaPolicySet([Policy("any")], new Dictionary<string, BusinessCalendar> { ["DACH"] = SlaTestData.BerlinOffice }, defaultCalendar: null);

        Assert.NotNull(sut.Match("Lead", "DACH", null, "Status", SlaTestData.Open));
        Assert.Null(sut.Match("Lead", "US", null, "Status", SlaTestData.Open));
    }

    [Fact]
    public void Fields_AreStateStopRuleCreationAndDeletionFields()
    {
        var fields = SlaTestData.Policies().Fields;

        Assert.Equal(["FirstContactedAt__c", "Status", "created", "deleted"], fields.Order(StringComparer.Ordinal));
    }
}
