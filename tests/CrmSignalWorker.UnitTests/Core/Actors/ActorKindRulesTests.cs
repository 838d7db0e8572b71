using CrmSignalWorker.Core.Actors;
using CrmSignalWorker.Core.Changes;

namespace CrmSignalWorker.UnitTests.Core.Actors;

public sealed class ActorKindRulesTests
{
    private static ActorClassifier CreateSut() => new(new AttributionRules(
        new Dictionary<string, string> { ["SDR"] = "SDR" },
        new Dictionary<string, string>(),
        AttributionRules.DefaultIntegrationProfiles)
    {
        // Deliberately wrong mappings: the rules Salesforce itself settles must win over them.
        RoleKinds = new Dictionary<string, ActorKind> { ["SDR"] = ActorKind.Human, ["Robots"] = ActorKind.Automation },
        ProfileKinds = new Dictionary<string, ActorKind>
        {
            ["Minimum Access - API Only Integrations"] = ActorKind.Human,
            ["Sync Profile"] = ActorKind.Integration,
            ["Sales User"] = ActorKind.Human,
        },
    });

    private static SalesforceUser User(string userType = "Standard", string? profile = "Sales User", string? role = null, string? license = "Salesforce") =>
        new("005000000000001AAA", "Someone", userType, profile, role, "NA", IsActive: true, license);

    [Fact]
    public void Classify_AutomatedProcessMappedAsHuman_IsStillAutomation()
    {
        var actor = CreateSut().Classify(User("AutomatedProcess", profile: "Sales User", role: "SDR"));

        Assert.Equal(ActorKind.Automation, actor.Kind);
        Assert.Equal("UserType=AutomatedProcess", actor.KindEvidence);
    }

    [Fact]
    public void Classify_IntegrationLicenceMappedAsHuman_IsIntegration()
    {
        var actor = CreateSut().Classify(User(profile: "Sales User", role: "SDR", license: "Salesforce Integration"));

        Assert.Equal((ActorKind.Integration, AttributionRules.IntegrationTeam), (actor.Kind, actor.Team));
        Assert.Equal("licence 'Salesforce Integration'", actor.KindEvidence);
    }

    [Fact]
    public void Classify_ApiOnlyProfileMappedAsHuman_IsIntegration() =>
        Assert.Equal(ActorKind.Integration, CreateSut().Classify(User(profile: "Minimum Access - API Only Integrations")).Kind);

    [Fact]
    public void Classify_ProfileMappedToIntegration_IsIntegrationWithEvidence()
    {
        var actor = CreateSut().Classify(User(profile: "Sync Profile"));

        Assert.Equal(ActorKind.Integration, actor.Kind);
        Assert.Equal("profile 'Sync Profile' mapped to integration", actor.KindEvidence);
    }

    [Fact]
    public void Classify_RoleKindWinsOverProfileKind() =>
        Assert.Equal(ActorKind.Automation, CreateSut().Classify(User(profile: "Sync Profile", role: "Robots")).Kind);

    [Fact]
    public void Classify_HumanKeepsTheTeamOfItsRole()
    {
        var actor = CreateSut().Classify(User(role: "SDR"));

        Assert.Equal((ActorKind.Human, "SDR"), (actor.Kind, actor.Team));
    }
}
