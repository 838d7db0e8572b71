using CrmSignalWorker.Core.Changes;

namespace CrmSignalWorker.Core.Actors;

/// <summary>
/// Classifies a Salesforce user as human (with a team), integration, automation or system. What Salesforce itself says
/// about a user (UserType, licence, an API-only profile) is checked before the configured maps, so no mapping can make
/// the Automated Process user or an integration user human.
/// </summary>
public sealed class ActorClassifier(AttributionRules rules)
{
    public Actor Classify(SalesforceUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var market = string.IsNullOrWhiteSpace(user.Market) ? Actor.UnknownMarket : user.Market;
        Actor Of(ActorKind kind, string? team, string evidence) => new(user.Id, user.Name, kind, team, market) { KindEvidence = evidence };

        // UserType settles the system users outright; Salesforce owns these accounts.
        switch (user.UserType)
        {
            case "AutomatedProcess":
                return Of(ActorKind.Automation, AttributionRules.AutomationTeam, "UserType=AutomatedProcess");
            case "CloudIntegrationUser":
                return Of(ActorKind.Integration, AttributionRules.IntegrationTeam, "UserType=CloudIntegrationUser");
            case "Guest":
                return Of(ActorKind.System, null, "UserType=Guest");
        }

        if (user.UserLicenseName is not null && rules.IntegrationLicenses.Contains(user.UserLicenseName))
        {
            return Of(ActorKind.Integration, AttributionRules.IntegrationTeam, $"licence '{user.UserLicenseName}'");
        }

        if (user.ProfileName is not null && rules.IntegrationProfiles.Contains(user.ProfileName))
        {
            return Of(ActorKind.Integration, AttributionRules.IntegrationTeam, $"profile '{user.ProfileName}' is API-only");
        }

        var (mapped, evidence) = MappedKindOf(user);
        return mapped switch
        {
            ActorKind.Integration => Of(ActorKind.Integration, AttributionRules.IntegrationTeam, evidence),
            ActorKind.Automation => Of(ActorKind.Automation, AttributionRules.AutomationTeam, evidence),
            ActorKind.System => Of(ActorKind.System, null, evidence),
            _ => Of(ActorKind.Human, TeamOf(user), evidence),
        };
    }

    private (ActorKind Kind, string Evidence) MappedKindOf(SalesforceUser user)
    {
        if (user.RoleName is not null && rules.RoleKinds.TryGetValue(user.RoleName, out var byRole) && byRole != ActorKind.Unknown)
        {
            return (byRole, $"role '{user.RoleName}' mapped to {byRole.ToString().ToLowerInvariant()}");
        }

        if (user.ProfileName is not null && rules.ProfileKinds.TryGetValue(user.ProfileName, out var byProfile) && byProfile != ActorKind.Unknown)
        {
            return (byProfile, $"profile '{user.ProfileName}' mapped to {byProfile.ToString().ToLowerInvariant()}");
        }

        return (ActorKind.Human, $"UserType={user.UserType}, no kind mapped");
    }

    private string? TeamOf(SalesforceUser user)
    {
        if (user.RoleName is not null && rules.RoleTeams.TryGetValue(user.RoleName, out var byRole))
        {
            return byRole;
        }

        return user.ProfileName is not null && rules.ProfileTeams.TryGetValue(user.ProfileName, out var byProfile)
            ? byProfile
            : null;
    }
}
