namespace CrmSignalWorker.Salesforce.Auth;

/// <summary>An access token and the instance it is valid for. <see cref="ToString"/> never prints the token.</summary>
public sealed class SalesforceToken(string accessToken, Uri instanceUrl, string? orgId, DateTimeOffset issuedAt)
{
    public string AccessToken { get; } = accessToken;

    public Uri InstanceUrl { get; } = instanceUrl;

    /// <summary>The org id from the identity URL; the Pub/Sub API wants it as tenantid.</summary>
    public string? OrgId { get; } = orgId;

    public DateTimeOffset IssuedAt { get; } = issuedAt;

    public override string ToString() => $"SalesforceToken(instance={InstanceUrl.Host}, org={OrgId})";
}
