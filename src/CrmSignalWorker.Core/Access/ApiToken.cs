namespace CrmSignalWorker.Core.Access;

/// <summary>Who called the API, once the bearer token has matched: the token's name, roles and markets; never its secret.</summary>
public sealed record ApiToken(string Name, IReadOnlyList<string> Roles, MarketScope Markets)
{
    public bool HasRole(string role) => Roles.Contains(role, StringComparer.Ordinal);
}
