using CrmSignalWorker.Core.Access;

namespace CrmSignalWorker.UnitTests.Core.Access;

public sealed class ApiTokenRulesTests
{
    private const string GoodSecret = "0123456789abcdef0123456789abcdef";

    [Fact]
    public void Problems_ValidToken_None() =>
        Assert.Empty(ApiTokenRules.Problems(0, "revops-emea", GoodSecret, [ApiRoles.Reader, ApiRoles.Operator], ["EMEA"]));

    [Theory]
    [InlineData(null, "Api:Tokens:3:Name is required")]
    [InlineData("has space", "Api:Tokens:3:Name must be at most 64 letters")]
    public void Problems_BadName_NamesTheSetting(string? name, string expected) =>
        Assert.Contains(ApiTokenRules.Problems(3, name, GoodSecret, [ApiRoles.Reader], ["EMEA"]), p => p.StartsWith(expected, StringComparison.Ordinal));

    [Fact]
    public void Problems_MissingSecret_NamesTheSettingAndItsVariable()
    {
        var problem = Assert.Single(ApiTokenRules.Problems(1, "ops", null, [ApiRoles.Reader], ["*"]));

        Assert.StartsWith("Api:Tokens:1:Secret is required", problem, StringComparison.Ordinal);
        Assert.Contains("Api__Tokens__1__Secret", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("short-secret")]
    [InlineData("0123456789abcdef 0123456789abcdef")]
    public void Problems_WeakSecret_NamesTheSettingWithoutQuotingIt(string secret)
    {
        var problem = Assert.Single(ApiTokenRules.Problems(0, "ops", secret, [ApiRoles.Reader], ["*"]));

        Assert.StartsWith("Api:Tokens:0:Secret must be at least 32 characters", problem, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Problems_NoRoles_NamesTheKnownOnes() =>
        Assert.Contains(ApiTokenRules.Problems(0, "ops", GoodSecret, [], ["*"]), p => p == "Api:Tokens:0:Roles must name at least one of: reader, operator.");

    [Fact]
    public void Problems_UnknownRole_NamesIt() =>
        Assert.Contains(ApiTokenRules.Problems(0, "ops", GoodSecret, ["admin"], ["*"]), p => p.StartsWith("Api:Tokens:0:Roles holds 'admin'", StringComparison.Ordinal));

    [Theory]
    [InlineData(new string[0], "Api:Tokens:0:Markets must name at least one market")]
    [InlineData(new[] { "EMEA", "" }, "Api:Tokens:0:Markets holds a blank entry")]
    [InlineData(new[] { "EMEA", "*" }, "Api:Tokens:0:Markets mixes '*' with named markets")]
    public void Problems_BadMarkets_NamesTheSetting(string[] markets, string expected) =>
        Assert.Contains(ApiTokenRules.Problems(0, "ops", GoodSecret, [ApiRoles.Reader], markets), p => p.StartsWith(expected, StringComparison.Ordinal));

    [Fact]
    public void Conflicts_SameNameOrSameSecret_NameTheTokens()
    {
        var conflicts = ApiTokenRules.Conflicts(["a", "b", "a"], ["d1", "d2", "d2"]).ToList();

        Assert.Contains("Api:Tokens:0,2:Name are all 'a'; token names must be unique.", conflicts);
        Assert.Contains("Api:Tokens:1,2:Secret are the same secret; each token needs its own.", conflicts);
    }

    [Fact]
    public void Conflicts_MissingValues_AreLeftToProblems() =>
        Assert.Empty(ApiTokenRules.Conflicts([null, null], ["", ""]));
}
