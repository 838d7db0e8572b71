using System.ComponentModel.DataAnnotations;
using CrmSignalWorker.Core.Actors;
using CrmSignalWorker.Core.Changes;
using CrmSignalWorker.Core.Normalization;
using Microsoft.Extensions.Options;

namespace CrmSignalWorker.Sources;

/// <summary>
/// How users become actors (role and profile maps to teams and kinds, which profiles and licences are integrations) and
/// how API clients become channels (named integrations, import tools).
/// </summary>
public sealed class AttributionOptions : IValidatableObject
{
    public const string SectionName = "Attribution";

    private static readonly Dictionary<string, ActorKind> Kinds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["human"] = ActorKind.Human,
        ["integration"] = ActorKind.Integration,
        ["automation"] = ActorKind.Automation,
        ["system"] = ActorKind.System,
    };

    /// <summary>UserRole.Name → team. Wins over the profile map.</summary>
    public Dictionary<string, string> RoleTeams { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Profile.Name → team, for users whose role is not mapped.</summary>
    public Dictionary<string, string> ProfileTeams { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>UserRole.Name → actor kind (human, integration, automation, system). Wins over the profile map.</summary>
    /// <remarks>A mapping never makes the Automated Process user, an integration-licence user or an API-only profile human.</remarks>
    public Dictionary<string, string> RoleKinds { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Profile.Name → actor kind (human, integration, automation, system).</summary>
    public Dictionary<string, string> ProfileKinds { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Extra profiles whose users are integrations, beyond Salesforce's API-only profiles.</summary>
    public List<string> IntegrationProfiles { get; set; } = [];

    /// <summary>Extra user licences whose users are integrations, beyond <c>Salesforce Integration</c>.</summary>
    public List<string> IntegrationLicenses { get; set; } = [];

    /// <summary>changeOrigin client id → integration name, e.g. <c>MarketoSync</c> → <c>Marketo</c>: writes by that client are channel integration.</summary>
    public Dictionary<string, string> Integrations { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Client-id prefixes of import tools (channel bulk_import over any API); empty means <c>DataLoader</c>.</summary>
    public List<string> ImportClients { get; set; } = [];

    /// <summary>The User field that holds the market, the segment signals are cut by.</summary>
    /// <remarks>No default: orgs name this custom field differently, and a field the org lacks fails every query.</remarks>
    [RegularExpression(@"^[A-Za-z][A-Za-z0-9_]*$", ErrorMessage = "Attribution:MarketField must be a Salesforce field name such as Market__c.")]
    public string? MarketField { get; set; }

    /// <summary>The field on the tracked records (Opportunity, Lead) that holds their market; a change is segmented by it.</summary>
    [RegularExpression(@"^[A-Za-z][A-Za-z0-9_]*$", ErrorMessage = "Attribution:RecordMarketField must be a Salesforce field name such as Market__c.")]
    public string? RecordMarketField { get; set; }

    public AttributionRules ToRules()
    {
        var integration = new HashSet<string>(AttributionRules.DefaultIntegrationProfiles, StringComparer.OrdinalIgnoreCase);
        integration.UnionWith(IntegrationProfiles);
        var licenses = new HashSet<string>(AttributionRules.DefaultIntegrationLicenses, StringComparer.OrdinalIgnoreCase);
        licenses.UnionWith(IntegrationLicenses);
        return new AttributionRules(
            new Dictionary<string, string>(RoleTeams, StringComparer.OrdinalIgnoreCase),
            new Dictionary<string, string>(ProfileTeams, StringComparer.OrdinalIgnoreCase),
            integration)
        {
            RoleKinds = KindsOf(RoleKinds),
            ProfileKinds = KindsOf(ProfileKinds),
            IntegrationLicenses = licenses,
        };
    }

    public ChannelRules ToChannelRules()
    {
        var integrations = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (client, name) in Integrations)
        {
            integrations[ChangeOriginClassifier.ClientNameOf(client) ?? client] = name;
        }

        return new ChannelRules(integrations, ImportClients.Count == 0 ? ChannelRules.DefaultImportClientPrefixes : [.. ImportClients]);
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (section, map) in new[] { ("RoleKinds", RoleKinds), ("ProfileKinds", ProfileKinds) })
        {
            foreach (var (name, kind) in map)
            {
                if (!Kinds.ContainsKey(kind))
                {
                    yield return new ValidationResult(
                        $"Attribution:{section}:{name} is '{kind}'; it must be one of {string.Join(", ", Kinds.Keys)}.", [section]);
                }
            }
        }

        foreach (var (client, name) in Integrations)
        {
            if (string.IsNullOrWhiteSpace(name) || ChangeOriginClassifier.ClientNameOf(client) is null)
            {
                yield return new ValidationResult($"Attribution:Integrations:{client} needs a client id and an integration name.", [nameof(Integrations)]);
            }
        }
    }

    private static Dictionary<string, ActorKind> KindsOf(Dictionary<string, string> map) =>
        map.Where(p => Kinds.ContainsKey(p.Value)).ToDictionary(p => p.Key, p => Kinds[p.Value], StringComparer.OrdinalIgnoreCase);
}

[OptionsValidator]
public sealed partial class AttributionOptionsValidator : IValidateOptions<AttributionOptions>;
