using CrmSignalWorker.Salesforce.Auth;
using Grpc.Core;

namespace CrmSignalWorker.Salesforce.PubSub;

/// <summary>The metadata of one call and the token it holds. <see cref="ToString"/> never prints the token.</summary>
public sealed class PubSubAuthorization
{
    internal PubSubAuthorization(SalesforceToken token, Metadata headers)
    {
        Token = token;
        Headers = headers;
    }

    /// <summary>Pass as the call's headers.</summary>
    public Metadata Headers { get; }

    internal SalesforceToken Token { get; }

    /// <summary>Removes the access token from text that came back from the server, in case it was echoed.</summary>
    internal string Redact(string text) =>
        string.IsNullOrEmpty(text) ? text : text.Replace(Token.AccessToken, "[redacted]", StringComparison.Ordinal);

    public override string ToString() => $"PubSubAuthorization(instance={Token.InstanceUrl.Host}, org={Token.OrgId})";
}
