namespace CrmSignalWorker.IntegrationTests.Deployment;

/// <summary>
/// The Dockerfile (issue 7, item 1): SDK build stage, ASP.NET runtime, non-root, ready for a read-only root
/// filesystem. No image is built here (a Docker daemon may be absent); the file is read for what it promises.
/// </summary>
public sealed class DockerfileTests
{
    internal sealed record Stage(string Name, string BaseImage, List<string> Instructions);

    /// <summary>The stages in order, each with its instructions (continuation lines joined, comments dropped).</summary>
    internal static List<Stage> Stages()
    {
        var stages = new List<Stage>();
        var pending = "";
        foreach (var raw in RepositoryFiles.Read("Dockerfile").Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith('#') || line.Length == 0)
            {
                continue;
            }

            if (line.EndsWith('\\'))
            {
                pending += line[..^1] + " ";
                continue;
            }

            line = pending + line;
            pending = "";
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words[0].Equals("FROM", StringComparison.OrdinalIgnoreCase))
            {
                var name = words.Length >= 4 && words[2].Equals("AS", StringComparison.OrdinalIgnoreCase) ? words[3] : $"stage{stages.Count}";
                stages.Add(new Stage(name, words[1], []));
            }
            else
            {
                stages[^1].Instructions.Add(line);
            }
        }

        return stages;
    }

    [Fact]
    public void Stages_BuildWithTheSdk_RunOnTheAspNetRuntime()
    {
        var stages = Stages();

        Assert.StartsWith("mcr.microsoft.com/dotnet/sdk:", stages[0].BaseImage, StringComparison.Ordinal);
        Assert.StartsWith("mcr.microsoft.com/dotnet/aspnet:", stages[^1].BaseImage, StringComparison.Ordinal);
        Assert.Contains(stages[^1].Instructions, i => i.StartsWith("COPY --from=build", StringComparison.Ordinal));
        Assert.Contains(stages[^1].Instructions, i => i.StartsWith("ENTRYPOINT", StringComparison.Ordinal) && i.Contains("crmsignal.dll", StringComparison.Ordinal));
    }

    [Fact]
    public void RuntimeStages_RunAsANonRootUser()
    {
        foreach (var stage in Stages().Skip(1))
        {
            var user = stage.Instructions.LastOrDefault(i => i.StartsWith("USER ", StringComparison.Ordinal))?["USER ".Length..].Trim();

            Assert.False(user is null or "root" or "0", $"stage {stage.Name} runs as {user ?? "root (no USER)"}");
        }
    }

    [Fact]
    public void RuntimeStage_ExposesTheHttpPortTheChartProbes()
    {
        var runtime = Stages()[^1];

        Assert.Contains("EXPOSE 8080", runtime.Instructions);
        Assert.Contains(runtime.Instructions, i => i.Contains("Http__Port=8080", StringComparison.Ordinal));
        // Nothing but /tmp is written: no diagnostics socket, no configuration file watcher.
        Assert.Contains(runtime.Instructions, i => i.Contains("DOTNET_EnableDiagnostics=0", StringComparison.Ordinal));
    }

    [Fact]
    public void BuildStage_CopiesEveryProjectFileBeforeRestoring()
    {
        var build = Stages()[0].Instructions;
        var restore = build.FindIndex(i => i.Contains("dotnet restore", StringComparison.Ordinal));
        var copied = build.Take(restore).Where(i => i.StartsWith("COPY ", StringComparison.Ordinal)).SelectMany(i => i.Split(' ')).ToHashSet();
        var projects = Directory.EnumerateFiles(RepositoryFiles.Path("src"), "*.csproj", SearchOption.AllDirectories).Select(RepositoryFiles.Relative);

        Assert.True(restore > 0, "the build stage restores before it copies the sources");
        Assert.All(projects, project => Assert.Contains(project, copied));
    }

    [Fact]
    public void DockerIgnore_KeepsLocalBuildOutputOutOfTheContext()
    {
        var ignored = RepositoryFiles.Read(".dockerignore").Split('\n').Select(l => l.Trim()).ToHashSet();

        Assert.Contains("**/bin/", ignored);
        Assert.Contains("**/obj/", ignored);
    }
}
