using CrmSignalWorker.Api;
using CrmSignalWorker.Core.Access;
using Microsoft.Extensions.Options;

namespace CrmSignalWorker.UnitTests.Worker.Api;

public sealed class ApiTokenRegistryTests
{
    private const string EmeaSecret = "emea-reader-0123456789abcdef0123456789";
    private const string OpsSecret = "ops-operator-0123456789abcdef0123456789";

    private static ApiTokenRegistry CreateSut(params ApiTokenOptions[] tokens) => new(Options.Create(new ApiOptions { Tokens = [.. tokens] }));

    private static ApiTokenRegistry Configured() => CreateSut(
        new ApiTokenOptions { Name = "emea", Secret = EmeaSecret, Roles = [ApiRoles.Reader], Markets = ["EMEA"] },
        new ApiTokenOptions { Name = "ops", Secret = OpsSecret, Roles = [ApiRoles.Reader, ApiRoles.Operator], Markets = ["*"] });

    [Fact]
    public void Match_ConfiguredSecret_IsItsTokenWithRolesAndMarkets()
    {
        var token = Configured().Match(EmeaSecret);

        Assert.NotNull(token);
        Assert.Equal("emea", token.Name);
        Assert.Equal([ApiRoles.Reader], token.Roles);
        Assert.Equal(["EMEA"], token.Markets.Markets);
        Assert.True(Configured().Match(OpsSecret)!.Markets.AllMarkets);
    }

    [Theory]
    [InlineData("")]
    [InlineData("emea-reader-0123456789abcdef012345678")]
    [InlineData("emea-reader-0123456789abcdef0123456789x")]
    [InlineData("EMEA-READER-0123456789ABCDEF0123456789")]
    public void Match_AnythingElse_IsNull(string presented) => Assert.Null(Configured().Match(presented));

    [Fact]
    public void IsEnabled_NoTokens_False()
    {
        Assert.False(CreateSut().IsEnabled);
        Assert.True(Configured().IsEnabled);
    }
}
