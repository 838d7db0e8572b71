using CrmSignalWorker.Core.Changes;

namespace CrmSignalWorker.Core.Actors;

/// <summary>
/// How users map to teams and actor kinds. Role wins over profile, because roles follow the org chart while profiles
/// follow licences and are shared across teams.
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

    /// <summary>User licences that exist only for integrations; never a human.</summary>
    public static IReadOnlySet<string> DefaultIntegrationLicenses { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "Salesforce Integration",
    };

    /// <summary>UserRole.Name → actor kind. Wins over the profile map; cannot make a system or integration user human.</summary>
    public IReadOnlyDictionary<string, ActorKind> RoleKinds { get; init; } = new Dictionary<string, ActorKind>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Profile.Name → actor kind; cannot make a system or integration user human.</summary>
    public IReadOnlyDictionary<string, ActorKind> ProfileKinds { get; init; } = new Dictionary<string, ActorKind>(StringComparer.OrdinalIgnoreCase);

    public IReadOnlySet<string> IntegrationLicenses { get; init; } = DefaultIntegrationLicenses;
}
