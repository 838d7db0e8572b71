using CrmSignalWorker.Simulator.Data;
using CrmSignalWorker.Simulator.Http;
using Grpc.Core;

namespace CrmSignalWorker.Simulator.PubSub;

/// <summary>
/// Checks the metadata every Pub/Sub RPC carries (facts sheet §1.1): <c>accesstoken</c> issued by the org's token endpoint
/// and neither expired nor revoked, <c>instanceurl</c> naming this org, and <c>tenantid</c> = the org id (15 or 18
/// characters). Keys match case-insensitively, as clients send camelCase or lower case.
/// </summary>
internal sealed class PubSubAuthenticator(TokenIssuer tokens, Scenario scenario, OrgAddress address)
{
    public const string AccessTokenKey = "accesstoken";
    public const string InstanceUrlKey = "instanceurl";
    public const string TenantIdKey = "tenantid";

    /// <exception cref="RpcException">Unauthenticated with <see cref="PubSubErrorCodes.AuthError"/>.</exception>
    public void Authenticate(ServerCallContext context, string rpcId)
    {
        var token = Header(context.RequestHeaders, AccessTokenKey);
        var instanceUrl = Header(context.RequestHeaders, InstanceUrlKey);
        var tenantId = Header(context.RequestHeaders, TenantIdKey);
        if (!tokens.IsValid(token) || !IsThisOrg(tenantId) || !IsThisInstance(instanceUrl))
        {
            throw PubSubErrors.Auth(rpcId);
        }
    }

    private bool IsThisOrg(string? tenantId) =>
        tenantId is { Length: 15 or 18 } && SalesforceId.KeysEqual(tenantId, scenario.OrganizationId);

    private bool IsThisInstance(string? instanceUrl)
    {
        if (!Uri.TryCreate(instanceUrl, UriKind.Absolute, out var url))
        {
            return false;
        }

        var own = address.BaseUrl;
        return own is null || string.Equals(url.GetLeftPart(UriPartial.Authority), own.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase);
    }

    private static string? Header(Metadata headers, string key)
    {
        foreach (var entry in headers)
        {
            if (!entry.IsBinary && string.Equals(entry.Key, key, StringComparison.OrdinalIgnoreCase))
            {
                return entry.Value;
            }
        }

        return null;
    }
}
