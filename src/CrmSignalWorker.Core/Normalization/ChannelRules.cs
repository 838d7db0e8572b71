namespace CrmSignalWorker.Core.Normalization;

/// <summary>What the configuration says about API clients: which client ids are named integrations and which are import tools.</summary>
/// <param name="Integrations">changeOrigin client id (without a trailing slash) → integration name, e.g. MarketoSync → Marketo.</param>
/// <param name="ImportClientPrefixes">Client ids starting with one of these are import tools whatever API they use (Data Loader
/// sends <c>DataLoaderBulkUI/</c> over Bulk API and <c>DataLoaderPartnerUI/</c> over SOAP).</param>
public sealed record ChannelRules(IReadOnlyDictionary<string, string> Integrations, IReadOnlyList<string> ImportClientPrefixes)
{
    public static IReadOnlyList<string> DefaultImportClientPrefixes { get; } = ["DataLoader"];

    public static ChannelRules Default { get; } =
        new(new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase), DefaultImportClientPrefixes);

    public string? IntegrationOf(string clientId) => Integrations.TryGetValue(clientId, out var name) ? name : null;

    public bool IsImportClient(string clientId) =>
        ImportClientPrefixes.Any(prefix => clientId.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));
}
