using CrmSignalWorker.Core.Changes;

namespace CrmSignalWorker.Core.Actors;

/// <summary>Classifies a Salesforce user as human (with a team), integration, automation or system.</summary>
public sealed class ActorClassifier(AttributionRules rules)
{
    public Actor Classify(SalesforceUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var market = string.IsNullOrWhiteSpace(user.Market) ? Actor.UnknownMarket : user.Market;

        // UserType settles the system users outright; Salesforce owns these accounts.
        switch (user.UserType)
        {
            case "AutomatedProcess":
                return new Actor(user.Id, user.Name, ActorKind.Automation, AttributionRules.AutomationTeam, market);
            case "CloudIntegrationUser":
                return new Actor(user.Id, user.Name, ActorKind.Integration, AttributionRules.IntegrationTeam, market);
            case "Guest":
                return new Actor(user.Id, user.Name, ActorKind.System, null, market);
        }

        if (user.ProfileName is not null && rules.IntegrationProfiles.Contains(user.ProfileName))
        {
            return new Actor(user.Id, user.Name, ActorKind.Integration, AttributionRules.IntegrationTeam, market);
        }

        return new Actor(user.Id, user.Name, ActorKind.Human, TeamOf(user), market);
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
