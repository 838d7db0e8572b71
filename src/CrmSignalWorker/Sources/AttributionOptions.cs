using System.ComponentModel.DataAnnotations;
using CrmSignalWorker.Core.Actors;
using Microsoft.Extensions.Options;

namespace CrmSignalWorker.Sources;

/// <summary>How users become actors: the role and profile maps to teams, and which profiles are integrations.</summary>
public sealed class AttributionOptions
{
    public const string SectionName = "Attribution";

    /// <summary>UserRole.Name → team. Wins over the profile map.</summary>
    public Dictionary<string, string> RoleTeams { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Profile.Name → team, for users whose role is not mapped.</summary>
    public Dictionary<string, string> ProfileTeams { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Extra profiles whose users are integrations, beyond Salesforce's API-only profiles.</summary>
    public List<string> IntegrationProfiles { get; set; } = [];

    /// <summary>The User field that holds the market, the segment signals are cut by.</summary>
    [RegularExpression(@"^[A-Za-z][A-Za-z0-9_]*$", ErrorMessage = "Attribution:MarketField must be a Salesforce field name such as Market__c.")]
    /// <remarks>No default: orgs name this custom field differently, and a field the org lacks fails every query.</remarks>
    public string? MarketField { get; set; }

    /// <summary>The field on the tracked records (Opportunity, Lead) that holds their market; a change is segmented by it.</summary>
    [RegularExpression(@"^[A-Za-z][A-Za-z0-9_]*$", ErrorMessage = "Attribution:RecordMarketField must be a Salesforce field name such as Market__c.")]
    public string? RecordMarketField { get; set; }

    public AttributionRules ToRules()
    {
        var integration = new HashSet<string>(AttributionRules.DefaultIntegrationProfiles, StringComparer.OrdinalIgnoreCase);
        integration.UnionWith(IntegrationProfiles);
        return new AttributionRules(
            new Dictionary<string, string>(RoleTeams, StringComparer.OrdinalIgnoreCase),
            new Dictionary<string, string>(ProfileTeams, StringComparer.OrdinalIgnoreCase),
            integration);
    }
}

[OptionsValidator]
public sealed partial class AttributionOptionsValidator : IValidateOptions<AttributionOptions>;
