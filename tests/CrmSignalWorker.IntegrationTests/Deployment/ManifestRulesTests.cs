using k8s.Models;

namespace CrmSignalWorker.IntegrationTests.Deployment;

/// <summary>The schema reading and the rules find what they are for: each case breaks one thing in the plain manifests.</summary>
public sealed class ManifestRulesTests
{
    private static readonly string DeploymentYaml = RepositoryFiles.Read("deploy", "k8s", "deployment.yaml");

    private static List<KubernetesObject> CreateSut() => [.. PlainManifestTests.LoadAll()];

    private static V1Container Worker(List<KubernetesObject> objects) =>
        objects.Select(o => o.Model).OfType<V1Deployment>().Single().Spec.Template.Spec.Containers.Single();

    private static string Problems(List<KubernetesObject> objects) => string.Join(Environment.NewLine, ManifestRules.Check(objects));

    [Fact]
    public void Load_UnknownContainerField_FailsNamingTheField()
    {
        var yaml = DeploymentYaml.Replace("          imagePullPolicy: IfNotPresent\n", "          imagePullPolicy: IfNotPresent\n          readOnlyRootFileSystem: true\n", StringComparison.Ordinal);

        var error = Assert.Throws<InvalidDataException>(() => KubernetesManifests.Load(yaml, "deployment.yaml"));

        Assert.Contains("readOnlyRootFileSystem", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_TextWhereTheSchemaWantsANumber_Fails()
    {
        var yaml = DeploymentYaml.Replace("  replicas: 2\n", "  replicas: two\n", StringComparison.Ordinal);

        Assert.Throws<InvalidDataException>(() => KubernetesManifests.Load(yaml, "deployment.yaml"));
    }

    [Fact]
    public void Load_UnknownKind_FailsNamingIt()
    {
        var error = Assert.Throws<InvalidDataException>(() => KubernetesManifests.Load("apiVersion: v1\nkind: Deploymnet\nmetadata:\n  name: x\n", "x.yaml"));

        Assert.Contains("Deploymnet", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_WritableRootFilesystem_IsReported()
    {
        var objects = CreateSut();
        Worker(objects).SecurityContext.ReadOnlyRootFilesystem = false;

        Assert.Contains("readOnlyRootFilesystem", Problems(objects), StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ReadinessOnTheLivenessPath_IsReported()
    {
        var objects = CreateSut();
        Worker(objects).ReadinessProbe.HttpGet.Path = "/healthz";

        Assert.Contains("readinessProbe asks /healthz, not /readyz", Problems(objects), StringComparison.Ordinal);
    }

    [Fact]
    public void Check_NoStartupProbe_IsReported()
    {
        var objects = CreateSut();
        Worker(objects).StartupProbe = null;

        Assert.Contains("no startupProbe", Problems(objects), StringComparison.Ordinal);
    }

    [Fact]
    public void Check_NoMemoryLimit_IsReported()
    {
        var objects = CreateSut();
        Worker(objects).Resources.Limits.Clear();

        Assert.Contains("resources.limits needs memory", Problems(objects), StringComparison.Ordinal);
    }

    [Fact]
    public void Check_CredentialAsALiteral_IsReported()
    {
        var objects = CreateSut();
        var variable = Worker(objects).Env.Single(e => e.Name == "Postgres__ConnectionString");
        variable.ValueFrom = null;
        variable.Value = "Host=db;Password=hunter2";

        Assert.Contains("Postgres__ConnectionString is a credential", Problems(objects), StringComparison.Ordinal);
    }

    [Fact]
    public void Check_MisspeltEnvironmentSetting_IsReported()
    {
        var objects = CreateSut();
        Worker(objects).Env.Add(new V1EnvVar { Name = "History__PollIntervall", Value = "00:01:00" });

        Assert.Contains("History__PollIntervall binds no setting", Problems(objects), StringComparison.Ordinal);
    }

    [Fact]
    public void Check_MisspeltSettingInTheConfigMap_IsReported()
    {
        var objects = CreateSut();
        var configMap = objects.Select(o => o.Model).OfType<V1ConfigMap>().Single();
        configMap.Data["appsettings.Production.json"] = """{ "Smtp": { "Securty": "StartTls" } }""";

        Assert.Contains("SmtpOptions has no settable property 'Securty'", Problems(objects), StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ServiceSelectingOtherPods_IsReported()
    {
        var objects = CreateSut();
        objects.Select(o => o.Model).OfType<V1Service>().Single().Spec.Selector["app.kubernetes.io/name"] = "other";

        Assert.Contains("Service crm-signal-worker", Problems(objects), StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ServiceMonitorOnAnUnnamedPort_IsReported()
    {
        var objects = CreateSut();
        objects.Select(o => o.Model).OfType<ServiceMonitor>().Single().Spec!.Endpoints[0].Port = "metrics";

        Assert.Contains("endpoint port metrics", Problems(objects), StringComparison.Ordinal);
    }
}
