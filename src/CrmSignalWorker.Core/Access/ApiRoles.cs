namespace CrmSignalWorker.Core.Access;

/// <summary>
/// What an API token may do. Roles do not include one another: a token that reads and operates lists both, so a
/// token handed to a dashboard can never pause an automation by accident.
/// </summary>
public static class ApiRoles
{
    /// <summary>Reads: record traces and, later, signals and alerts.</summary>
    public const string Reader = "reader";

    /// <summary>Changes: pausing and resuming stop-the-line flags (issue 6).</summary>
    public const string Operator = "operator";

    public static IReadOnlyList<string> Known { get; } = [Reader, Operator];
}
