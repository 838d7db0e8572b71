using k8s.Models;

namespace CrmSignalWorker.IntegrationTests.Deployment;

/// <summary>deploy/k8s: the chart's objects for clusters without Helm (issue 7, item 2).</summary>
public sealed class PlainManifestTests
{
    public static TheoryData<string> Files => [.. ManifestFiles().Select(RepositoryFiles.Relative)];

    internal static IReadOnlyList<KubernetesObject> LoadAll() =>
        [.. ManifestFiles().SelectMany(f => KubernetesManifests.Load(File.ReadAllText(f), RepositoryFiles.Relative(f)))];

    private static IEnumerable<string> ManifestFiles() =>
        Directory.EnumerateFiles(RepositoryFiles.Path("deploy", "k8s"), "*.yaml", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) != "kustomization.yaml")
            .Order(StringComparer.Ordinal);

    [Theory]
    [MemberData(nameof(Files))]
    public void Load_EachManifest_MatchesTheSchemaOfItsKind(string file)
    {
        var objects = KubernetesManifests.Load(RepositoryFiles.Read(file), file);

        Assert.NotEmpty(objects);
    }

    [Fact]
    public void Check_AllManifests_MeetTheDeploymentRules()
    {
        var problems = ManifestRules.Check(LoadAll());

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void LoadAll_Manifests_HoldEveryKindTheIssueAsksFor()
    {
        var kinds = LoadAll().Select(o => o.Kind).ToHashSet();

        Assert.Superset(
            new HashSet<string> { "Deployment", "Service", "ConfigMap", "ServiceAccount", "PodDisruptionBudget", "NetworkPolicy", "ServiceMonitor" },
            kinds);
    }

    [Fact]
    public void Kustomization_Resources_AreExactlyTheManifestsBesideIt()
    {
        var folder = RepositoryFiles.Path("deploy", "k8s");
        var kustomization = YamlNodes.LoadMapping(File.ReadAllText(Path.Combine(folder, "kustomization.yaml")), "deploy/k8s/kustomization.yaml");
        var manifests = Directory.EnumerateFiles(folder, "*.yaml").Select(Path.GetFileName).Where(n => n != "kustomization.yaml").Order(StringComparer.Ordinal);

        Assert.Equal("kustomize.config.k8s.io/v1beta1", kustomization.Scalar("apiVersion"));
        Assert.Equal("Kustomization", kustomization.Scalar("kind"));
        Assert.Equal(manifests, kustomization.Strings("resources").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void LoadAll_Deployment_StartsTheLongRunningWorker()
    {
        var deployment = LoadAll().Select(o => o.Model).OfType<V1Deployment>().Single();

        Assert.Equal(["run"], deployment.Spec.Template.Spec.Containers.Single().Args);
    }
}
