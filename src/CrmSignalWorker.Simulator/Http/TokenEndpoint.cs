using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CrmSignalWorker.Simulator.Query;
using Microsoft.AspNetCore.Http;

namespace CrmSignalWorker.Simulator.Http;

/// <summary><c>POST /services/oauth2/token</c> for the client-credentials flow; tokens run as the scenario's run-as user.</summary>
internal sealed class TokenEndpoint(TokenIssuer issuer, Scenario scenario, SimulatedOrgOptions options, OrgAddress address, JwtAssertionValidator jwt)
{
    public async Task HandleAsync(HttpContext context)
    {
        var form = context.Request.HasFormContentType
            ? await context.Request.ReadFormAsync(context.RequestAborted)
            : FormCollection.Empty;

        var instanceUrl = address.InstanceUrl(context.Request);
        string userId;
        switch (form["grant_type"].ToString())
        {
            case "client_credentials":
                if (form["client_id"] != options.ClientId || !SecretMatches(form["client_secret"].ToString()))
                {
                    await SalesforceErrors.WriteOAuthAsync(context, "invalid_client", "invalid client credentials");
                    return;
                }

                userId = scenario.RunAsUserId;
                break;
            case "urn:ietf:params:oauth:grant-type:jwt-bearer":
                // The audience is the login host; this org is its own login host.
                var (user, error) = jwt.Validate(form["assertion"].ToString(), instanceUrl);
                if (user is null)
                {
                    await SalesforceErrors.WriteOAuthAsync(context, "invalid_grant", error!);
                    return;
                }

                userId = user.Id;
                break;
            default:
                await SalesforceErrors.WriteOAuthAsync(context, "unsupported_grant_type", "grant type not supported");
                return;
        }

        var token = issuer.Issue();
        var identityUrl = $"{instanceUrl}/id/{scenario.OrganizationId}/{userId}";
        var issuedAt = token.IssuedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);

        // Salesforce signs id + issued_at with the client secret so clients can check the response came from the org.
        var signature = Convert.ToBase64String(
            HMACSHA256.HashData(Encoding.UTF8.GetBytes(options.ClientSecret), Encoding.UTF8.GetBytes(identityUrl + issuedAt)));

        await SalesforceErrors.WriteJsonAsync(context, StatusCodes.Status200OK, SalesforceJson.Render(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("access_token", token.AccessToken);
            writer.WriteString("instance_url", instanceUrl);
            writer.WriteString("id", identityUrl);
            writer.WriteString("token_type", "Bearer");
            writer.WriteString("issued_at", issuedAt);
            writer.WriteString("scope", "api");
            writer.WriteString("signature", signature);
            writer.WriteEndObject();
        }));
    }

    private bool SecretMatches(string candidate) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(candidate), Encoding.UTF8.GetBytes(options.ClientSecret));
}
