using k8s.Models;

namespace CrmSignalWorker.IntegrationTests.Deployment;

/// <summary>
/// The Prometheus Operator's ServiceMonitor (monitoring.coreos.com/v1), limited to the fields a scrape of one
/// Service port needs. The Kubernetes client has no model for custom resources, and with this one a misspelt
/// field fails strict deserialization as it does for built-in kinds.
/// </summary>
public sealed class ServiceMonitor
{
    public string? ApiVersion { get; set; }

    public string? Kind { get; set; }

    public V1ObjectMeta? Metadata { get; set; }

    public ServiceMonitorSpec? Spec { get; set; }
}

public sealed class ServiceMonitorSpec
{
    public V1LabelSelector? Selector { get; set; }

    public ServiceMonitorNamespaceSelector? NamespaceSelector { get; set; }

    public string? JobLabel { get; set; }

    public List<ServiceMonitorEndpoint> Endpoints { get; set; } = [];
}

public sealed class ServiceMonitorNamespaceSelector
{
    public bool? Any { get; set; }

    public List<string> MatchNames { get; set; } = [];
}

public sealed class ServiceMonitorEndpoint
{
    public string? Port { get; set; }

    public string? Path { get; set; }

    public string? Scheme { get; set; }

    public string? Interval { get; set; }

    public string? ScrapeTimeout { get; set; }

    public bool? HonorLabels { get; set; }
}
