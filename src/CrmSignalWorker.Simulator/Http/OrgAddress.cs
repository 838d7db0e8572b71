namespace CrmSignalWorker.Simulator.Http;

/// <summary>The org's own base URL, known only once Kestrel has bound its port.</summary>
internal sealed class OrgAddress
{
    private Uri? _baseUrl;

    public Uri? BaseUrl
    {
        get => Volatile.Read(ref _baseUrl);
        set => Volatile.Write(ref _baseUrl, value);
    }

    /// <summary>Without a trailing slash, as <c>instance_url</c> is written.</summary>
    public string InstanceUrl(Microsoft.AspNetCore.Http.HttpRequest request) =>
        BaseUrl?.GetLeftPart(UriPartial.Authority) ?? $"{request.Scheme}://{request.Host}";
}
