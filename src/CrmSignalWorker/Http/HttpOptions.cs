using CrmSignalWorker.Core.Configuration;
using Microsoft.Extensions.Options;

namespace CrmSignalWorker.Http;

/// <summary>The listener of /healthz, /readyz and /metrics while the worker runs.</summary>
public sealed class HttpOptions
{
    public const string SectionName = "Http";

    /// <summary>TCP port on every interface, so probes and scrapers from outside the container reach it; 0 picks a free one.</summary>
    [SettingRange(0, 65535, ErrorMessage = "Http:Port must be between 0 and 65535 (0 picks a free port).")]
    public int Port { get; set; } = 8080;
}

[OptionsValidator]
public sealed partial class HttpOptionsValidator : IValidateOptions<HttpOptions>;
