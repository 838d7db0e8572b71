using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace CrmSignalWorker.IntegrationTests.Deployment;

/// <summary>
/// deploy/compose/compose.yaml: PostgreSQL, Redis, the simulated org, a mail sink and the worker (issue 7, item 2).
/// Docker Compose may be absent where the tests run, so the file is read as YAML and checked against what the
/// stack needs: services that exist where they are named, and a worker configured with settings it binds.
/// </summary>
public sealed partial class ComposeFileTests
{
    private const string File = "deploy/compose/compose.yaml";

    /// <summary>Service keys of the Compose specification this stack may use; a misspelt key is reported, not ignored.</summary>
    private static readonly HashSet<string> ServiceKeys =
    [
        "build", "image", "command", "entrypoint", "environment", "env_file", "ports", "expose", "healthcheck", "depends_on",
        "tmpfs", "volumes", "read_only", "cap_drop", "cap_add", "security_opt", "stop_grace_period", "stop_signal",
        "network_mode", "networks", "restart", "user", "labels", "working_dir", "init", "profiles",
    ];

    private static YamlMappingNode CreateSut() => YamlNodes.LoadMapping(RepositoryFiles.Read(File), File);

    private static YamlMappingNode Services(YamlMappingNode compose) => compose.Mapping("services") ?? throw new InvalidDataException($"{File}: no services");

    private static YamlMappingNode Service(YamlMappingNode compose, string name) =>
        Services(compose).Mapping(name) ?? throw new InvalidDataException($"{File}: no service {name}");

    private static Dictionary<string, string> Environment(YamlMappingNode service) => service.Child("environment") switch
    {
        YamlMappingNode map => map.Children.ToDictionary(e => ((YamlScalarNode)e.Key).Value!, e => ((YamlScalarNode)e.Value).Value ?? ""),
        YamlSequenceNode list => list.Children.OfType<YamlScalarNode>().Select(s => s.Value!.Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : ""),
        _ => [],
    };

    [Fact]
    public void Services_AreTheStackTheIssueNames()
    {
        var compose = CreateSut();

        Assert.StartsWith("postgres:15", Service(compose, "postgres").Scalar("image"), StringComparison.Ordinal);
        Assert.StartsWith("redis:7", Service(compose, "redis").Scalar("image"), StringComparison.Ordinal);
        Assert.Equal("simulator", Service(compose, "simulator").Mapping("build")?.Scalar("target"));
        Assert.StartsWith("axllent/mailpit:", Service(compose, "mailpit").Scalar("image"), StringComparison.Ordinal);
        Assert.NotNull(Service(compose, "worker").Mapping("build"));
    }

    [Fact]
    public void Services_UseOnlyComposeKeysAndNameServicesThatExist()
    {
        var compose = CreateSut();
        var names = Services(compose).Keys().ToHashSet();
        var problems = new List<string>();
        foreach (var (key, node) in Services(compose).Children)
        {
            var name = ((YamlScalarNode)key).Value!;
            var service = (YamlMappingNode)node;
            problems.AddRange(service.Keys().Where(k => !ServiceKeys.Contains(k) && !k.StartsWith("x-", StringComparison.Ordinal)).Select(k => $"{name}: unknown key {k}"));
            if (service.Scalar("image") is null && service.Child("build") is null)
            {
                problems.Add($"{name}: neither image nor build");
            }

            var dependencies = service.Child("depends_on") switch
            {
                YamlMappingNode map => map.Keys(),
                YamlSequenceNode list => list.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? ""),
                _ => [],
            };
            problems.AddRange(dependencies.Where(d => !names.Contains(d)).Select(d => $"{name}: depends on unknown service {d}"));
            foreach (var (dependency, condition) in service.Mapping("depends_on")?.Children.AsEnumerable() ?? [])
            {
                if (condition.Scalar("condition") == "service_healthy" && Services(compose).Mapping(((YamlScalarNode)dependency).Value!)?.Child("healthcheck") is null)
                {
                    problems.Add($"{name}: waits for {dependency} to be healthy, which has no healthcheck");
                }
            }

            if (service.Scalar("network_mode") is { } mode && mode.StartsWith("service:", StringComparison.Ordinal) && !names.Contains(mode["service:".Length..]))
            {
                problems.Add($"{name}: network_mode names unknown service {mode}");
            }
        }

        Assert.True(problems.Count == 0, string.Join(System.Environment.NewLine, problems));
    }

    [Fact]
    public void Worker_Container_IsHardenedAndStopsGracefully()
    {
        var worker = Service(CreateSut(), "worker");

        Assert.Equal("true", worker.Scalar("read_only"));
        Assert.Contains("/tmp", worker.Strings("tmpfs"));
        Assert.Contains("ALL", worker.Strings("cap_drop"));
        Assert.Contains("no-new-privileges:true", worker.Strings("security_opt"));
        Assert.Equal("60s", worker.Scalar("stop_grace_period"));
    }

    [Fact]
    public void Worker_Environment_BindsSettingsAndIsComplete()
    {
        var environment = Environment(Service(CreateSut(), "worker"));

        var problems = environment.Keys.Select(WorkerSettingKeys.CheckEnvironmentVariable).OfType<string>().ToList();

        Assert.True(problems.Count == 0, string.Join(System.Environment.NewLine, problems));
        Assert.Superset(
            new HashSet<string>
            {
                "Postgres__ConnectionString", "Redis__Configuration", "Salesforce__LoginUrl", "Salesforce__ClientId", "Salesforce__ClientSecret",
                "Smtp__Host", "Smtp__From", "Http__Port",
            },
            environment.Keys.ToHashSet());
    }

    [Fact]
    public void Worker_Environment_ReachesTheOtherServices()
    {
        var compose = CreateSut();
        var environment = Environment(Service(compose, "worker"));
        var names = Services(compose).Keys().ToHashSet();
        var simulatorPorts = Service(compose, "simulator").Strings("command").Where(a => a.All(char.IsAsciiDigit)).ToHashSet();

        Assert.Contains(ConnectionStringHost().Match(environment["Postgres__ConnectionString"]).Groups[1].Value, names);
        Assert.Contains(environment["Redis__Configuration"].Split(',')[0].Split(':')[0], names);
        Assert.Contains(environment["Smtp__Host"], names);
        // The simulator listens on its loopback only: the worker reaches it by sharing its network namespace.
        Assert.Equal("service:simulator", Service(compose, "worker").Scalar("network_mode"));
        foreach (var url in environment.Values.Where(v => v.StartsWith("http://127.0.0.1:", StringComparison.Ordinal)))
        {
            Assert.Contains(new Uri(url).Port.ToString(System.Globalization.CultureInfo.InvariantCulture), simulatorPorts);
        }
    }

    [Fact]
    public void Builds_TargetStagesTheDockerfileHas()
    {
        var compose = CreateSut();
        var stages = DockerfileTests.Stages().Select(s => s.Name).ToHashSet();

        foreach (var service in Services(compose).Children.Values.OfType<YamlMappingNode>())
        {
            if (service.Mapping("build") is { } build)
            {
                Assert.Equal("../..", build.Scalar("context"));
                if (build.Scalar("target") is { } target)
                {
                    Assert.Contains(target, stages);
                }
            }
        }
    }

    [GeneratedRegex(@"Host=([^;]+)")]
    private static partial Regex ConnectionStringHost();
}
