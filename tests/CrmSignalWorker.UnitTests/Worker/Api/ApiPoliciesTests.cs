using System.Security.Claims;
using CrmSignalWorker.Api;
using CrmSignalWorker.Core.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace CrmSignalWorker.UnitTests.Worker.Api;

/// <summary>
/// The role check of every API route, through the authorization service ASP.NET Core runs: the seam the flags API
/// (operator) will use. The 403 over HTTP is shown by the integration tests with a token lacking the reader role.
/// </summary>
public sealed class ApiPoliciesTests
{
    private static IAuthorizationService CreateSut()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        ApiPolicies.Add(services.AddAuthorizationBuilder());
        return services.BuildServiceProvider().GetRequiredService<IAuthorizationService>();
    }

    private static ClaimsPrincipal Caller(params string[] roles) =>
        ApiCallerClaims.ToPrincipal(new ApiToken("t", roles, MarketScope.Parse(["EMEA"])), ApiTokenAuthenticationHandler.SchemeName);

    [Theory]
    [InlineData(ApiPolicies.Reader, new[] { ApiRoles.Reader }, true)]
    [InlineData(ApiPolicies.Reader, new[] { ApiRoles.Operator }, false)]
    [InlineData(ApiPolicies.Operator, new[] { ApiRoles.Reader }, false)]
    [InlineData(ApiPolicies.Operator, new[] { ApiRoles.Operator }, true)]
    [InlineData(ApiPolicies.Operator, new[] { ApiRoles.Reader, ApiRoles.Operator }, true)]
    public async Task AuthorizeAsync_TokenRoles_GrantOnlyTheirOwnPolicy(string policy, string[] roles, bool allowed)
    {
        var result = await CreateSut().AuthorizeAsync(Caller(roles), policy);

        Assert.Equal(allowed, result.Succeeded);
    }

    [Fact]
    public async Task AuthorizeAsync_Anonymous_Refused()
    {
        var result = await CreateSut().AuthorizeAsync(new ClaimsPrincipal(new ClaimsIdentity()), ApiPolicies.Reader);

        Assert.False(result.Succeeded);
    }

    [Fact]
    public void Markets_RoundTripThroughClaims()
    {
        Assert.Equal(["EMEA"], ApiCallerClaims.Markets(Caller(ApiRoles.Reader)).Markets);
        var all = ApiCallerClaims.ToPrincipal(new ApiToken("t", [ApiRoles.Reader], MarketScope.All), "x");
        Assert.True(ApiCallerClaims.Markets(all).AllMarkets);
        Assert.Throws<InvalidOperationException>(() => ApiCallerClaims.Markets(new ClaimsPrincipal(new ClaimsIdentity())));
    }
}
