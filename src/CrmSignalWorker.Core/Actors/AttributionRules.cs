namespace CrmSignalWorker.Core.Actors;

/// <summary>
/// How users map to teams and actor kinds. Role wins over profile, because roles follow the org
/// chart while profiles follow licences and are shared across teams.
/// </summary>
public sealed record AttributionRules(
    IReadOnlyDictionary<string, string> RoleTeams,
    IReadOnlyDictionary<string, string> ProfileTeams,
    IReadOnlySet<string> IntegrationProfiles)
{
    public const string IntegrationTeam = "Integration";
    public const string AutomationTeam = "Automation";

    /// <summary>Profiles Salesforce gives API-only integration users; never a human.</summary>
    public static IReadOnlySet<string> DefaultIntegrationProfiles { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "Minimum Access - API Only Integrations",
        "Salesforce API Only System Integrations",
    };
}
