using System.Security.Claims;
using CrmSignalWorker.Core.Access;

namespace CrmSignalWorker.Api;

/// <summary>How an authenticated token travels through ASP.NET Core: its name, a role claim per role, a market claim per market.</summary>
public static class ApiCallerClaims
{
    public const string MarketClaim = "crmsignal:market";

    public static ClaimsPrincipal ToPrincipal(ApiToken token, string authenticationType)
    {
        ArgumentNullException.ThrowIfNull(token);
        var claims = new List<Claim> { new(ClaimTypes.Name, token.Name) };
        claims.AddRange(token.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
        claims.AddRange(token.Markets.AllMarkets
            ? [new Claim(MarketClaim, MarketScope.AllMarketsToken)]
            : token.Markets.Markets.Select(m => new Claim(MarketClaim, m)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, ClaimTypes.Name, ClaimTypes.Role));
    }

    /// <summary>The markets the caller may see. A principal without market claims did not come from a token: refused.</summary>
    public static MarketScope Markets(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var markets = user.FindAll(MarketClaim).Select(c => c.Value).ToList();
        return markets.Count > 0
            ? MarketScope.Parse(markets.Contains(MarketScope.AllMarketsToken) ? [MarketScope.AllMarketsToken] : markets)
            : throw new InvalidOperationException("The caller carries no market claim; only API tokens may read.");
    }
}
