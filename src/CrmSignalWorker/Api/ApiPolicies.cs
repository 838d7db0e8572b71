using CrmSignalWorker.Core.Access;
using Microsoft.AspNetCore.Authorization;

namespace CrmSignalWorker.Api;

/// <summary>Authorization policies of API endpoints: a bearer token with the role. Routes name these, never roles directly.</summary>
public static class ApiPolicies
{
    public const string Reader = "api-reader";

    public const string Operator = "api-operator";

    internal static void Add(AuthorizationBuilder authorization)
    {
        authorization
            .AddPolicy(Reader, p => p.AddAuthenticationSchemes(ApiTokenAuthenticationHandler.SchemeName).RequireAuthenticatedUser().RequireRole(ApiRoles.Reader))
            .AddPolicy(Operator, p => p.AddAuthenticationSchemes(ApiTokenAuthenticationHandler.SchemeName).RequireAuthenticatedUser().RequireRole(ApiRoles.Operator));
    }
}
