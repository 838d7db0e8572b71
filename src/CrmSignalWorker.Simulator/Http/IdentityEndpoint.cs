using CrmSignalWorker.Simulator.Query;
using Microsoft.AspNetCore.Http;

namespace CrmSignalWorker.Simulator.Http;

/// <summary><c>GET /id/{orgId}/{userId}</c>, the identity URL from the token response; clients read the org id from it.</summary>
internal sealed class IdentityEndpoint(TokenIssuer tokens, Scenario scenario, OrgAddress address)
{
    public async Task HandleAsync(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        var token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;
        var user = scenario.Users.FirstOrDefault(u => u.Id == context.Request.RouteValues["userId"] as string);
        if (!tokens.IsValid(token) || user is null || context.Request.RouteValues["orgId"] as string != scenario.OrganizationId)
        {
            // The identity service answers 403 with a bare reason, unlike the REST API.
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await context.Response.WriteAsync("Bad_OAuth_Token", context.RequestAborted);
            return;
        }

        var instanceUrl = address.InstanceUrl(context.Request);
        await SalesforceErrors.WriteJsonAsync(context, StatusCodes.Status200OK, SalesforceJson.Render(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("id", $"{instanceUrl}/id/{scenario.OrganizationId}/{user.Id}");
            writer.WriteBoolean("asserted_user", true);
            writer.WriteString("user_id", user.Id);
            writer.WriteString("organization_id", scenario.OrganizationId);
            writer.WriteString("username", user.Username);
            writer.WriteString("display_name", user.Name);
            writer.WriteString("email", user.Email);
            writer.WriteBoolean("active", user.IsActive);
            writer.WriteString("user_type", user.UserType.ToUpperInvariant());
            writer.WriteEndObject();
        }));
    }
}
