using System.Text.Json;
using k8s.Models;

namespace CrmSignalWorker.IntegrationTests.Deployment;

/// <summary>
/// What issue 7 asks of the worker's Kubernetes objects beyond their schemas: probes on the endpoints the worker
/// serves, a hardened container on a read-only root filesystem, resources, graceful termination, secrets only by
/// reference, settings the worker binds, and objects that select and name each other consistently. The same rules
/// check the plain manifests and every rendering of the chart.
/// </summary>
internal static class ManifestRules
{
    public const string NameLabel = "app.kubernetes.io/name";

    /// <summary>Settings whose values are credentials: never a literal in a manifest.</summary>
    private static readonly string[] SecretSettings =
        ["Postgres__ConnectionString", "Redis__Configuration", "Salesforce__ClientSecret", "Salesforce__PrivateKey", "Slack__WebhookUrl", "Smtp__Password"];

    /// <summary>Credentials: the fixed settings above, and every API token's secret (Api__Tokens__N__Secret).</summary>
    private static bool IsCredential(string variable) =>
        SecretSettings.Contains(variable)
        || (variable.StartsWith("Api__Tokens__", StringComparison.Ordinal) && variable.EndsWith("__Secret", StringComparison.Ordinal));

    /// <summary>Credentials the worker cannot start without.</summary>
    private static readonly string[] RequiredSecretSettings = ["Postgres__ConnectionString", "Redis__Configuration"];

    public static IReadOnlyList<string> Check(IReadOnlyList<KubernetesObject> objects)
    {
        var problems = new List<string>();
        foreach (var item in objects.Where(o => Metadata(o.Model)?.Labels?.ContainsKey(NameLabel) != true))
        {
            problems.Add($"{item}: no {NameLabel} label");
        }

        var deployments = objects.Where(o => o.Model is V1Deployment).ToList();
        if (deployments.Count != 1)
        {
            problems.Add($"expected one Deployment, found {deployments.Count}");
            return problems;
        }

        var deployment = deployments[0];
        var model = (V1Deployment)deployment.Model;
        if (model.Spec?.Template?.Spec is not { } pod)
        {
            problems.Add($"{deployment}: no pod template");
            return problems;
        }

        var podLabels = model.Spec.Template.Metadata?.Labels ?? new Dictionary<string, string>();
        CheckDeployment(deployment, model, pod, podLabels, objects, problems);
        foreach (var item in objects)
        {
            switch (item.Model)
            {
                case V1ConfigMap configMap:
                    CheckConfigMap(item, configMap, problems);
                    break;
                case V1Service service:
                    CheckService(item, service, pod, podLabels, problems);
                    break;
                case V1PodDisruptionBudget budget:
                    Selects(item, "spec.selector", budget.Spec?.Selector?.MatchLabels, podLabels, problems);
                    if (budget.Spec?.MaxUnavailable is null && budget.Spec?.MinAvailable is null)
                    {
                        problems.Add($"{item}: neither maxUnavailable nor minAvailable");
                    }

                    break;
                case V1NetworkPolicy policy:
                    CheckNetworkPolicy(item, policy, pod, podLabels, problems);
                    break;
                case ServiceMonitor monitor:
                    CheckServiceMonitor(item, monitor, objects, problems);
                    break;
                case V1ServiceAccount account when account.AutomountServiceAccountToken != false:
                    problems.Add($"{item}: automountServiceAccountToken is not false (the worker never calls the API)");
                    break;
            }
        }

        return problems;
    }

    private static void CheckDeployment(
        KubernetesObject item, V1Deployment deployment, V1PodSpec pod, IDictionary<string, string> podLabels, IReadOnlyList<KubernetesObject> objects, List<string> problems)
    {
        if (deployment.Spec.Replicas is not >= 1)
        {
            problems.Add($"{item}: spec.replicas is not set to at least 1");
        }

        Selects(item, "spec.selector", deployment.Spec.Selector?.MatchLabels, podLabels, problems);
        if (pod.TerminationGracePeriodSeconds is not >= 30)
        {
            problems.Add($"{item}: terminationGracePeriodSeconds is not set to at least 30 (the worker finishes its batch on SIGTERM)");
        }

        if (pod.AutomountServiceAccountToken != false)
        {
            problems.Add($"{item}: automountServiceAccountToken is not false");
        }

        if (pod.SecurityContext?.RunAsUser == 0)
        {
            problems.Add($"{item}: the pod runs as root");
        }

        if (pod.SecurityContext?.SeccompProfile?.Type != "RuntimeDefault")
        {
            problems.Add($"{item}: the pod's seccompProfile is not RuntimeDefault");
        }

        if (pod.ServiceAccountName is { } account and not "default"
            && !objects.Any(o => o.Model is V1ServiceAccount && o.Name == account))
        {
            problems.Add($"{item}: ServiceAccount {account} is not among the objects");
        }

        if (pod.Containers is not { Count: > 0 })
        {
            problems.Add($"{item}: no containers");
            return;
        }

        foreach (var container in pod.Containers)
        {
            CheckContainer($"{item} container {container.Name}", container, pod, objects, problems);
        }
    }

    private static void CheckContainer(string where, V1Container container, V1PodSpec pod, IReadOnlyList<KubernetesObject> objects, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(container.Image))
        {
            problems.Add($"{where}: no image");
        }

        var http = container.Ports?.FirstOrDefault(p => p.Name == "http");
        if (http is null)
        {
            problems.Add($"{where}: no port named http");
        }

        Probe(where, "startupProbe", container.StartupProbe, "/healthz", container, problems);
        Probe(where, "livenessProbe", container.LivenessProbe, "/healthz", container, problems);
        Probe(where, "readinessProbe", container.ReadinessProbe, "/readyz", container, problems);

        var requests = container.Resources?.Requests;
        var limits = container.Resources?.Limits;
        if (requests?.ContainsKey("cpu") != true || requests.ContainsKey("memory") != true)
        {
            problems.Add($"{where}: resources.requests needs cpu and memory");
        }

        if (limits?.ContainsKey("memory") != true)
        {
            problems.Add($"{where}: resources.limits needs memory");
        }

        var security = container.SecurityContext;
        if (security?.ReadOnlyRootFilesystem != true)
        {
            problems.Add($"{where}: securityContext.readOnlyRootFilesystem is not true");
        }

        if (security?.AllowPrivilegeEscalation != false)
        {
            problems.Add($"{where}: securityContext.allowPrivilegeEscalation is not false");
        }

        if (security?.RunAsNonRoot != true && pod.SecurityContext?.RunAsNonRoot != true)
        {
            problems.Add($"{where}: runAsNonRoot is true neither for the container nor for the pod");
        }

        if (security?.Capabilities?.Drop?.Contains("ALL") != true)
        {
            problems.Add($"{where}: securityContext.capabilities.drop does not hold ALL");
        }

        var volumes = pod.Volumes ?? [];
        foreach (var mount in container.VolumeMounts ?? [])
        {
            if (volumes.All(v => v.Name != mount.Name))
            {
                problems.Add($"{where}: volumeMount {mount.Name} names no volume of the pod");
            }
        }

        var tmp = container.VolumeMounts?.FirstOrDefault(m => m.MountPath == "/tmp");
        if (tmp is null || volumes.FirstOrDefault(v => v.Name == tmp.Name)?.EmptyDir is null)
        {
            problems.Add($"{where}: no emptyDir at /tmp, the one writable path on a read-only root filesystem");
        }

        CheckEnvironment(where, container, http, volumes, objects, problems);
    }

    private static void Probe(string where, string kind, V1Probe? probe, string path, V1Container container, List<string> problems)
    {
        if (probe?.HttpGet is not { } get)
        {
            problems.Add($"{where}: no {kind} with httpGet");
            return;
        }

        if (get.Path != path)
        {
            problems.Add($"{where}: {kind} asks {get.Path}, not {path}");
        }

        if (!IsContainerPort(get.Port, container))
        {
            problems.Add($"{where}: {kind} port {get.Port?.Value} is no port of the container");
        }
    }

    private static void CheckEnvironment(
        string where, V1Container container, V1ContainerPort? http, IList<V1Volume> volumes, IReadOnlyList<KubernetesObject> objects, List<string> problems)
    {
        var env = container.Env ?? [];
        foreach (var duplicate in env.GroupBy(e => e.Name).Where(g => g.Count() > 1))
        {
            problems.Add($"{where}: environment variable {duplicate.Key} is set {duplicate.Count()} times");
        }

        foreach (var variable in env)
        {
            if (WorkerSettingKeys.CheckEnvironmentVariable(variable.Name) is { } reason)
            {
                problems.Add($"{where}: environment variable {variable.Name} binds no setting ({reason})");
            }

            if (variable.ValueFrom?.SecretKeyRef is { } reference && (string.IsNullOrEmpty(reference.Name) || string.IsNullOrEmpty(reference.Key)))
            {
                problems.Add($"{where}: {variable.Name} references a Secret without a name or key");
            }

            if (IsCredential(variable.Name) && variable.ValueFrom?.SecretKeyRef is null)
            {
                problems.Add($"{where}: {variable.Name} is a credential but does not come from a secretKeyRef");
            }
        }

        string? Value(string name) => env.FirstOrDefault(e => e.Name == name)?.Value;
        bool FromSecret(string name) => env.Any(e => e.Name == name && e.ValueFrom?.SecretKeyRef is not null);

        foreach (var required in RequiredSecretSettings.Where(r => !FromSecret(r)))
        {
            problems.Add($"{where}: {required} is not set from a Secret");
        }

        if (Value("Salesforce__PrivateKeyPath") is { } keyPath)
        {
            var mount = container.VolumeMounts?.FirstOrDefault(m => keyPath.StartsWith(m.MountPath.TrimEnd('/') + "/", StringComparison.Ordinal));
            if (mount is null || volumes.FirstOrDefault(v => v.Name == mount.Name)?.Secret is not { } secret
                || secret.Items?.Any(i => keyPath.EndsWith("/" + i.Path, StringComparison.Ordinal)) == false)
            {
                problems.Add($"{where}: Salesforce__PrivateKeyPath {keyPath} is not a file of a mounted Secret");
            }
        }
        else if (!FromSecret("Salesforce__ClientSecret"))
        {
            problems.Add($"{where}: neither Salesforce__ClientSecret from a Secret nor Salesforce__PrivateKeyPath");
        }

        if (http is not null && Value("Http__Port") != http.ContainerPort.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            problems.Add($"{where}: Http__Port is {Value("Http__Port") ?? "unset"}, the http port is {http.ContainerPort}");
        }

        var environment = Value("DOTNET_ENVIRONMENT");
        if (environment is null)
        {
            problems.Add($"{where}: DOTNET_ENVIRONMENT is not set, so which appsettings file is read is left to the image");
            return;
        }

        // The host reads appsettings.{Environment}.json from the executable's folder, /app in the image.
        var file = $"appsettings.{environment}.json";
        var settings = container.VolumeMounts?.FirstOrDefault(m => m.MountPath == "/app/" + file);
        var configMapName = settings is null ? null : volumes.FirstOrDefault(v => v.Name == settings.Name)?.ConfigMap?.Name;
        if (settings?.SubPath != file || configMapName is null)
        {
            problems.Add($"{where}: no ConfigMap key {file} mounted at /app/{file}");
        }
        else if (!objects.Any(o => o.Model is V1ConfigMap map && o.Name == configMapName && map.Data?.ContainsKey(file) == true))
        {
            problems.Add($"{where}: ConfigMap {configMapName} with key {file} is not among the objects");
        }
    }

    private static void CheckConfigMap(KubernetesObject item, V1ConfigMap configMap, List<string> problems)
    {
        foreach (var (key, text) in (configMap.Data ?? new Dictionary<string, string>()).Where(d => d.Key.EndsWith(".json", StringComparison.Ordinal)))
        {
            JsonDocument json;
            try
            {
                json = JsonDocument.Parse(text);
            }
            catch (JsonException ex)
            {
                problems.Add($"{item}: {key} is not JSON: {ex.Message}");
                continue;
            }

            using (json)
            {
                foreach (var setting in SettingKeys(json.RootElement, ""))
                {
                    if (WorkerSettingKeys.Check(setting) is { } reason)
                    {
                        problems.Add($"{item}: {key}: {reason}");
                    }
                }
            }
        }
    }

    /// <summary>The configuration keys a JSON settings file produces (Section:Key, lists by index).</summary>
    public static IEnumerable<string> SettingKeys(JsonElement element, string prefix) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => SettingKeys(p.Value, Join(prefix, p.Name))),
        JsonValueKind.Array => element.EnumerateArray().SelectMany((e, i) => SettingKeys(e, Join(prefix, i.ToString(System.Globalization.CultureInfo.InvariantCulture)))),
        _ => [prefix],
    };

    private static string Join(string prefix, string name) => prefix.Length == 0 ? name : prefix + ":" + name;

    private static void CheckService(KubernetesObject item, V1Service service, V1PodSpec pod, IDictionary<string, string> podLabels, List<string> problems)
    {
        Selects(item, "spec.selector", service.Spec?.Selector, podLabels, problems);
        foreach (var port in service.Spec?.Ports ?? [])
        {
            if (!pod.Containers.Any(c => IsContainerPort(port.TargetPort ?? port.Port, c)))
            {
                problems.Add($"{item}: port {port.Name} targets {(port.TargetPort ?? port.Port).Value}, which no container declares");
            }
        }
    }

    private static void CheckNetworkPolicy(KubernetesObject item, V1NetworkPolicy policy, V1PodSpec pod, IDictionary<string, string> podLabels, List<string> problems)
    {
        Selects(item, "spec.podSelector", policy.Spec?.PodSelector?.MatchLabels, podLabels, problems);
        var types = policy.Spec?.PolicyTypes ?? [];
        if (!types.Contains("Ingress") || !types.Contains("Egress"))
        {
            problems.Add($"{item}: policyTypes does not hold both Ingress and Egress");
        }

        foreach (var port in (policy.Spec?.Ingress ?? []).SelectMany(r => r.Ports ?? []))
        {
            if (!pod.Containers.Any(c => IsContainerPort(port.Port, c)))
            {
                problems.Add($"{item}: ingress port {port.Port?.Value} is no container port");
            }
        }

        if (types.Contains("Egress") && !(policy.Spec?.Egress ?? []).Any(r => r.Ports?.Any(p => p.Port?.Value == "53" && p.Protocol == "UDP") == true))
        {
            problems.Add($"{item}: egress does not allow DNS (UDP 53), so no host name would resolve");
        }
    }

    private static void CheckServiceMonitor(KubernetesObject item, ServiceMonitor monitor, IReadOnlyList<KubernetesObject> objects, List<string> problems)
    {
        var selector = monitor.Spec?.Selector?.MatchLabels;
        var services = objects.Select(o => o.Model).OfType<V1Service>()
            .Where(s => selector is { Count: > 0 } && selector.All(l => s.Metadata?.Labels?.TryGetValue(l.Key, out var v) == true && v == l.Value))
            .ToList();
        if (services.Count == 0)
        {
            problems.Add($"{item}: its selector matches no Service among the objects");
            return;
        }

        foreach (var endpoint in monitor.Spec!.Endpoints)
        {
            if (!services.Any(s => s.Spec?.Ports?.Any(p => p.Name == endpoint.Port) == true))
            {
                problems.Add($"{item}: endpoint port {endpoint.Port} is no named port of the selected Service");
            }

            if (endpoint.Path != "/metrics")
            {
                problems.Add($"{item}: endpoint path {endpoint.Path}, not /metrics");
            }
        }
    }

    private static void Selects(KubernetesObject item, string field, IDictionary<string, string>? selector, IDictionary<string, string> podLabels, List<string> problems)
    {
        if (selector is not { Count: > 0 })
        {
            problems.Add($"{item}: {field} is empty");
        }
        else if (!selector.All(l => podLabels.TryGetValue(l.Key, out var value) && value == l.Value))
        {
            problems.Add($"{item}: {field} does not match the worker's pod labels");
        }
    }

    private static bool IsContainerPort(IntOrString? port, V1Container container) =>
        port?.Value is { } value && container.Ports?.Any(p => p.Name == value || p.ContainerPort.ToString(System.Globalization.CultureInfo.InvariantCulture) == value) == true;

    private static V1ObjectMeta? Metadata(object model) => model switch
    {
        IMetadata<V1ObjectMeta> typed => typed.Metadata,
        ServiceMonitor monitor => monitor.Metadata,
        _ => null,
    };
}
