namespace CrmSignalWorker.Core.Normalization;

/// <summary>
/// A parsed CDC <c>changeOrigin</c>: <c>com/salesforce/api/&lt;api&gt;/&lt;version&gt;;client=&lt;clientId&gt;</c>.
/// The client part appears only when the caller set one (Sforce-Call-Options in REST and Bulk, CallOptions in SOAP).
/// </summary>
/// <param name="Api">soap, rest, bulkapi, xmlrpc, oldsoap, toolingsoap, toolingrest, apex or apexdebuggerrest (lower case).</param>
/// <param name="Version">The API version, e.g. <c>60.0</c>; empty when absent.</param>
/// <param name="ClientId">The caller's client id as sent (Lightning UI sends <c>SfdcInternalAPI/</c>); null when none was set.</param>
public sealed record ChangeOrigin(string Api, string Version, string? ClientId)
{
    private const string Prefix = "com/salesforce/api/";
    private const string ClientKey = "client=";

    /// <summary>The client id Salesforce's own Lightning UI uses.</summary>
    public const string LightningClientId = "SfdcInternalAPI";

    /// <summary>The API names Salesforce documents for changeOrigin.</summary>
    public static IReadOnlySet<string> KnownApis { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "soap", "rest", "bulkapi", "xmlrpc", "oldsoap", "toolingsoap", "toolingrest", "apex", "apexdebuggerrest",
    };

    /// <summary>True when the client id is Salesforce's Lightning UI (<c>SfdcInternalAPI/</c>).</summary>
    public bool IsLightningUi => ClientId is not null && ClientId.TrimEnd('/') == LightningClientId;

    /// <summary>Parses a changeOrigin; false for an empty value or one not in the documented shape.</summary>
    public static bool TryParse(string? value, out ChangeOrigin? origin)
    {
        origin = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        var text = value.Trim();
        if (!text.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var parts = text[Prefix.Length..].Split(';');
        var path = parts[0].Split('/');
        var api = path[0].ToLowerInvariant();
        if (api.Length == 0)
        {
            return false;
        }

        string? clientId = null;
        foreach (var parameter in parts.Skip(1))
        {
            var trimmed = parameter.Trim();
            if (trimmed.StartsWith(ClientKey, StringComparison.OrdinalIgnoreCase) && trimmed.Length > ClientKey.Length)
            {
                clientId = trimmed[ClientKey.Length..];
            }
        }

        origin = new ChangeOrigin(api, path.Length > 1 ? path[1] : "", clientId);
        return true;
    }
}
