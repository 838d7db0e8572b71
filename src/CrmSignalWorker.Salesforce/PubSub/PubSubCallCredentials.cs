using CrmSignalWorker.Salesforce.Auth;
using Grpc.Core;

namespace CrmSignalWorker.Salesforce.PubSub;

/// <summary>
/// The gRPC metadata every Pub/Sub call carries: <c>accesstoken</c>, <c>instanceurl</c> and <c>tenantid</c> (the org id).
/// A token reaches gRPC only through a new call's metadata, so each call asks for the current token, and a call the
/// server refused as unauthenticated hands its token back through <see cref="Reject"/> so the next call mints a new one.
/// </summary>
public sealed class PubSubCallCredentials(ISalesforceTokenProvider tokenProvider)
{
    public const string AccessTokenKey = "accesstoken";
    public const string InstanceUrlKey = "instanceurl";
    public const string TenantIdKey = "tenantid";

    public async Task<PubSubAuthorization> AuthorizeAsync(CancellationToken ct)
    {
        var token = await tokenProvider.GetTokenAsync(ct);
        if (string.IsNullOrEmpty(token.OrgId))
        {
            // Without the org id Salesforce refuses every call; say so instead of sending a call doomed to fail.
            throw new SalesforceAuthException($"The Salesforce token for {token.InstanceUrl.Host} carries no org id, which the Pub/Sub API needs as tenantid.");
        }

        var headers = new Metadata
        {
            { AccessTokenKey, token.AccessToken },
            { InstanceUrlKey, token.InstanceUrl.GetLeftPart(UriPartial.Authority) },
            { TenantIdKey, token.OrgId },
        };
        return new PubSubAuthorization(token, headers);
    }

    /// <summary>The server refused <paramref name="authorization"/>'s token; drop it so the next call gets a fresh one.</summary>
    public void Reject(PubSubAuthorization authorization)
    {
        ArgumentNullException.ThrowIfNull(authorization);
        tokenProvider.Invalidate(authorization.Token);
    }
}
