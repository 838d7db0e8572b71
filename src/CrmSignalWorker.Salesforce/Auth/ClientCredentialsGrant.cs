namespace CrmSignalWorker.Salesforce.Auth;

/// <summary>client_credentials: the connected app's key and secret, run as its designated integration user.</summary>
public sealed class ClientCredentialsGrant(string clientId, string clientSecret) : ISalesforceGrant
{
    public string Name => "client_credentials";

    public IReadOnlyList<KeyValuePair<string, string>> CreateForm(DateTimeOffset now) =>
    [
        new("grant_type", "client_credentials"),
        new("client_id", clientId),
        new("client_secret", clientSecret),
    ];
}
