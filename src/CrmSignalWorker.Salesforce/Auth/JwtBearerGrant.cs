namespace CrmSignalWorker.Salesforce.Auth;

/// <summary>urn:ietf:params:oauth:grant-type:jwt-bearer: a fresh signed assertion per token request; no secret travels.</summary>
public sealed class JwtBearerGrant(string consumerKey, string username, string audience, SigningKey key) : ISalesforceGrant
{
    public string Name => "jwt-bearer";

    public IReadOnlyList<KeyValuePair<string, string>> CreateForm(DateTimeOffset now) =>
    [
        new("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"),
        new("assertion", key.Use(rsa => JwtBearerAssertion.Create(consumerKey, username, audience, now, rsa))),
    ];
}
