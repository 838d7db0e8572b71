namespace CrmSignalWorker.IntegrationTests.Deployment;

/// <summary>The repository's own files: the tests read the chart, manifests and compose file where they are kept.</summary>
internal static class RepositoryFiles
{
    private static readonly Lazy<string> Root = new(FindRoot);

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root.Value, .. parts]);

    public static string Read(params string[] parts) => File.ReadAllText(Path(parts));

    /// <summary>Relative to the root with forward slashes, as messages name files.</summary>
    public static string Relative(string path) => System.IO.Path.GetRelativePath(Root.Value, path).Replace('\\', '/');

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "CrmSignalWorker.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No CrmSignalWorker.sln above {AppContext.BaseDirectory}: the deployment tests read the repository's files.");
    }
}
