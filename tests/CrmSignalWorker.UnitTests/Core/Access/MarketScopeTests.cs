using CrmSignalWorker.Core.Access;

namespace CrmSignalWorker.UnitTests.Core.Access;

public sealed class MarketScopeTests
{
    [Fact]
    public void Parse_Star_IsEveryMarketIncludingUnknown()
    {
        var scope = MarketScope.Parse(["*"]);

        Assert.True(scope.AllMarkets);
        Assert.Empty(scope.Markets);
        Assert.True(scope.Allows("EMEA"));
        Assert.True(scope.Allows(null));
        Assert.Equal("*", scope.ToString());
    }

    [Fact]
    public void Parse_NamedMarkets_AllowsThoseExactlyAndNothingElse()
    {
        var scope = MarketScope.Parse(["EMEA", "APAC", "EMEA"]);

        Assert.False(scope.AllMarkets);
        Assert.Equal(["EMEA", "APAC"], scope.Markets);
        Assert.True(scope.Allows("APAC"));
        Assert.False(scope.Allows("emea"));
        Assert.False(scope.Allows("NA"));
        Assert.False(scope.Allows(null));
    }

    [Theory]
    [InlineData("")]
    [InlineData("EMEA,*")]
    [InlineData(" ")]
    public void Only_EmptyBlankOrStar_Throws(string markets) =>
        Assert.Throws<ArgumentException>(() => MarketScope.Only(markets.Length == 0 ? [] : markets.Split(',')));
}
