using System.Text.Json;
using System.Text.RegularExpressions;
using CrmSignalWorker.IntegrationTests.Infrastructure;
using k8s;
using k8s.Models;
using Xunit.Abstractions;
using YamlDotNet.RepresentationModel;

namespace CrmSignalWorker.IntegrationTests.Deployment;

/// <summary>
/// helm/crm-signal-worker (issue 7, item 2). Without helm the chart is checked as files: its metadata, every value
/// documented, every template reference resolving, blocks closed, settings the worker binds. With helm on PATH it is
/// also linted and rendered in several configurations, and each rendering must match the Kubernetes schemas and the
/// same rules as the plain manifests. Set CRMSIGNAL_REQUIRE_HELM=1 to fail instead of reporting that helm is missing.
/// </summary>
public sealed partial class HelmChartTests(ITestOutputHelper output)
{
    private const string ChartFolder = "helm/crm-signal-worker";

    private static readonly Dictionary<string, string[]> Configurations = new()
    {
        ["defaults"] = [],
        ["jwt, every optional secret, ServiceMonitor"] =
        [
            "settings.Salesforce.AuthFlow=JwtBearer", "settings.Salesforce.Username=integration@example.com",
            "settings.Salesforce.LoginUrl=https://login.salesforce.com", "settings.Salesforce.ClientId=consumer-key",
            "settings.Smtp.Host=smtp.example.com", "settings.Smtp.From=signals@example.com",
            "secrets.slack.name=slack", "secrets.smtp.name=smtp", "secrets.admin.name=admin",
            "apiTokens[0].name=revops-emea", "apiTokens[0].roles[0]=reader", "apiTokens[0].markets[0]=EMEA",
            "serviceMonitor.enabled=true", "serviceMonitor.labels.release=prometheus", "otlpEndpoint=http://collector:4317",
            "networkPolicy.ingressFrom[0].namespaceSelector.matchLabels.name=monitoring",
        ],
        ["one replica, no policy, budget or service account"] =
        [
            "replicaCount=1", "networkPolicy.enabled=false", "podDisruptionBudget.enabled=false", "serviceAccount.create=false",
        ],
    };

    public static TheoryData<string> ConfigurationNames => [.. Configurations.Keys];

    private static string Chart(params string[] parts) => RepositoryFiles.Path([ChartFolder, .. parts]);

    private static YamlMappingNode Values() => YamlNodes.LoadMapping(File.ReadAllText(Chart("values.yaml")), "values.yaml");

    private static IEnumerable<(string Name, string Text)> Templates() =>
        Directory.EnumerateFiles(Chart("templates")).Order(StringComparer.Ordinal).Select(f => (Path.GetFileName(f), File.ReadAllText(f)));

    [Fact]
    public void ChartYaml_Metadata_NamesTheChartAndItsVersions()
    {
        var chart = YamlNodes.LoadMapping(File.ReadAllText(Chart("Chart.yaml")), "Chart.yaml");

        Assert.Equal("v2", chart.Scalar("apiVersion"));
        Assert.Equal("crm-signal-worker", chart.Scalar("name"));
        Assert.Equal("application", chart.Scalar("type"));
        Assert.Matches(SemVer(), chart.Scalar("version") ?? "");
        Assert.False(string.IsNullOrWhiteSpace(chart.Scalar("appVersion")));
    }

    [Fact]
    public void Values_EveryValue_IsDocumentedInTheChartReadme()
    {
        var readme = File.ReadAllText(Chart("README.md"));
        var documented = readme.Split('\n')
            .Where(line => line.StartsWith("| `", StringComparison.Ordinal))
            .SelectMany(line => DocumentedPath().Matches(line.Split('|')[1]).Select(m => m.Groups[1].Value))
            .ToHashSet(StringComparer.Ordinal);

        var undocumented = YamlNodes.ValuePaths(Values()).Where(p => !documented.Contains(p)).ToList();

        Assert.True(undocumented.Count == 0, "values.yaml values missing from the README's table: " + string.Join(", ", undocumented));
    }

    [Fact]
    public void Templates_ValuesReferences_AllExistInValuesYaml()
    {
        var values = Values();
        var missing = new List<string>();
        foreach (var (name, text) in Templates())
        {
            foreach (var path in ValuesReference().Matches(text).Select(m => m.Groups[1].Value.TrimStart('.')).Distinct())
            {
                YamlNode? node = values;
                foreach (var key in path.Split('.'))
                {
                    node = node?.Child(key);
                }

                if (node is null)
                {
                    missing.Add($"{name}: .Values.{path}");
                }
            }
        }

        Assert.True(missing.Count == 0, "references to values that values.yaml does not hold: " + string.Join(", ", missing));
    }

    [Fact]
    public void Templates_Blocks_AreClosedAndIncludesDefined()
    {
        var templates = Templates().ToList();
        var defined = templates.SelectMany(t => Define().Matches(t.Text).Select(m => m.Groups[1].Value)).ToHashSet(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var (name, text) in templates)
        {
            var opened = BlockStart().Count(text);
            var closed = BlockEnd().Count(text);
            if (opened != closed)
            {
                problems.Add($"{name}: {opened} blocks opened (if, range, with, define), {closed} closed");
            }

            problems.AddRange(Include().Matches(text).Select(m => m.Groups[1].Value).Where(n => !defined.Contains(n)).Select(n => $"{name}: includes undefined \"{n}\""));
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void Values_Settings_AreSettingsTheWorkerBinds()
    {
        var settings = Values().Mapping("settings") ?? throw new InvalidDataException("values.yaml has no settings");
        var keys = YamlNodes.ValuePaths(settings).Select(p => p.Replace('.', ':')).ToList();

        var problems = keys.Select(WorkerSettingKeys.Check).OfType<string>().ToList();

        Assert.NotEmpty(keys);
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Theory]
    [MemberData(nameof(ConfigurationNames))]
    public async Task Helm_LintAndTemplate_RenderObjectsThatMatchSchemasAndRules(string configuration)
    {
        if (Helm() is not { } helm)
        {
            return;
        }

        var sets = Configurations[configuration].SelectMany(s => new[] { "--set", s }).ToArray();
        var lint = await CliProcess.RunProgramAsync(helm, ["lint", "--strict", Chart(), .. sets]);
        Assert.True(lint.ExitCode == 0, $"helm lint ({configuration}) failed:\n{lint.Stdout}\n{lint.Stderr}");

        var objects = await RenderAsync(helm, sets);
        var problems = ManifestRules.Check(objects);

        Assert.True(problems.Count == 0, $"{configuration}:\n" + string.Join(Environment.NewLine, problems));
        var kinds = objects.Select(o => o.Kind).ToHashSet();
        Assert.Contains("Deployment", kinds);
        Assert.Contains("ConfigMap", kinds);
        Assert.Contains("Service", kinds);
        var enabled = Configurations[configuration].ToHashSet();
        Assert.Equal(enabled.Contains("serviceMonitor.enabled=true"), kinds.Contains("ServiceMonitor"));
        Assert.Equal(!enabled.Contains("networkPolicy.enabled=false"), kinds.Contains("NetworkPolicy"));
        Assert.Equal(!enabled.Contains("podDisruptionBudget.enabled=false"), kinds.Contains("PodDisruptionBudget"));
        Assert.Equal(!enabled.Contains("serviceAccount.create=false"), kinds.Contains("ServiceAccount"));
    }

    [Fact]
    public async Task Helm_DefaultRendering_AgreesWithThePlainManifests()
    {
        if (Helm() is not { } helm)
        {
            return;
        }

        var chart = await RenderAsync(helm, []);
        var plain = PlainManifestTests.LoadAll();

        static T Single<T>(IReadOnlyList<KubernetesObject> objects) => objects.Select(o => o.Model).OfType<T>().Single();
        static string Json(object? value) => KubernetesJson.Serialize(value);
        var (chartPod, plainPod) = (Single<V1Deployment>(chart).Spec.Template.Spec, Single<V1Deployment>(plain).Spec.Template.Spec);
        var (chartWorker, plainWorker) = (chartPod.Containers.Single(), plainPod.Containers.Single());
        Assert.Equal(Json(plainWorker.StartupProbe), Json(chartWorker.StartupProbe));
        Assert.Equal(Json(plainWorker.LivenessProbe), Json(chartWorker.LivenessProbe));
        Assert.Equal(Json(plainWorker.ReadinessProbe), Json(chartWorker.ReadinessProbe));
        Assert.Equal(Json(plainWorker.Resources), Json(chartWorker.Resources));
        Assert.Equal(Json(plainWorker.SecurityContext), Json(chartWorker.SecurityContext));
        Assert.Equal(Json(plainWorker.Ports), Json(chartWorker.Ports));
        Assert.Equal(Json(plainPod.SecurityContext), Json(chartPod.SecurityContext));
        Assert.Equal(plainPod.TerminationGracePeriodSeconds, chartPod.TerminationGracePeriodSeconds);
        Assert.Equal(Json(Single<V1NetworkPolicy>(plain).Spec.Egress), Json(Single<V1NetworkPolicy>(chart).Spec.Egress));
        Assert.Equal(Json(Single<V1PodDisruptionBudget>(plain).Spec.MaxUnavailable), Json(Single<V1PodDisruptionBudget>(chart).Spec.MaxUnavailable));
        Assert.Equal(Settings(Single<V1ConfigMap>(plain)), Settings(Single<V1ConfigMap>(chart)));
    }

    private static string Settings(V1ConfigMap configMap)
    {
        using var json = JsonDocument.Parse(configMap.Data["appsettings.Production.json"]);
        return string.Join(";", ManifestRules.SettingKeys(json.RootElement, "").Order(StringComparer.Ordinal));
    }

    private async Task<IReadOnlyList<KubernetesObject>> RenderAsync(string helm, string[] sets)
    {
        var template = await CliProcess.RunProgramAsync(helm, ["template", "crmsignal", Chart(), .. sets]);
        Assert.True(template.ExitCode == 0, $"helm template failed:\n{template.Stderr}");
        output.WriteLine($"helm template {string.Join(' ', sets)}: {template.Stdout.Length} characters");
        return KubernetesManifests.Load(template.Stdout, "helm template");
    }

    /// <summary>helm from PATH; null, after saying so in the test output, when there is none and none is required.</summary>
    private string? Helm()
    {
        var helm = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, OperatingSystem.IsWindows() ? "helm.exe" : "helm"))
            .FirstOrDefault(File.Exists);
        if (helm is not null)
        {
            return helm;
        }

        var message = "helm is not on PATH, so `helm lint` and `helm template` did not run and the chart was not rendered; "
            + "its files were checked by the other HelmChartTests. Install helm to render it.";
        if (Environment.GetEnvironmentVariable("CRMSIGNAL_REQUIRE_HELM") == "1")
        {
            Assert.Fail(message + " (CRMSIGNAL_REQUIRE_HELM=1)");
        }

        output.WriteLine(message);
        Console.WriteLine($"{nameof(HelmChartTests)}: {message}");
        return null;
    }

    [GeneratedRegex(@"^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$")]
    private static partial Regex SemVer();

    [GeneratedRegex(@"`([A-Za-z][A-Za-z0-9.]*)`")]
    private static partial Regex DocumentedPath();

    [GeneratedRegex(@"\.Values((?:\.[A-Za-z_][A-Za-z0-9_]*)+)")]
    private static partial Regex ValuesReference();

    [GeneratedRegex(@"\{\{-?\s*(?:if|range|with|define|block)\b")]
    private static partial Regex BlockStart();

    [GeneratedRegex(@"\{\{-?\s*end\b")]
    private static partial Regex BlockEnd();

    [GeneratedRegex(@"\{\{-?\s*define\s+""([^""]+)""")]
    private static partial Regex Define();

    [GeneratedRegex(@"(?:include|template)\s+""([^""]+)""")]
    private static partial Regex Include();
}
