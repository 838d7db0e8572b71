using CrmSignalWorker.Core.Actors;
using CrmSignalWorker.Core.Changes;

namespace CrmSignalWorker.UnitTests.Core.Actors;

public sealed class ActorClassifierTests
{
    private static ActorClassifier CreateSut() => new(new AttributionRules(
        new Dictionary<string, string> { ["SDR"] = "SDR", ["Account Executive"] = "AE" },
        new Dictionary<string, string> { ["Support Profile"] = "CS", ["Sales User"] = "Sales" },
        AttributionRules.DefaultIntegrationProfiles));

    private static SalesforceUser User(string userType = "Standard", string? profile = "Sales User", string? role = null, string? market = "NA") =>
        new("005000000000001AAA", "Someone", userType, profile, role, market, IsActive: true);

    [Fact]
    public void Classify_AutomatedProcessUser_IsAutomation()
    {
        var actor = CreateSut().Classify(User("AutomatedProcess", profile: null, market: null));

        Assert.Equal(ActorKind.Automation, actor.Kind);
        Assert.Equal(Actor.UnknownMarket, actor.Market);
    }

    [Fact]
    public void Classify_PlatformIntegrationUser_IsIntegration() =>
        Assert.Equal(ActorKind.Integration, CreateSut().Classify(User("CloudIntegrationUser")).Kind);

    [Fact]
    public void Classify_ApiOnlyProfile_IsIntegrationEvenWithARole()
    {
        var actor = CreateSut().Classify(User(profile: "Minimum Access - API Only Integrations", role: "SDR"));

        Assert.Equal(ActorKind.Integration, actor.Kind);
        Assert.Equal(AttributionRules.IntegrationTeam, actor.Team);
    }

    [Fact]
    public void Classify_RoleAndProfileBothMapped_RoleWins() =>
        Assert.Equal("AE", CreateSut().Classify(User(profile: "Sales User", role: "Account Executive")).Team);

    [Fact]
    public void Classify_OnlyProfileMapped_UsesTheProfileTeam() =>
        Assert.Equal("CS", CreateSut().Classify(User(profile: "Support Profile", role: "Unmapped Role")).Team);

    [Fact]
    public void Classify_NothingMapped_IsAHumanWithoutATeam()
    {
        var actor = CreateSut().Classify(User(profile: "Custom: Marketing", role: "Marketing"));

        Assert.Equal(ActorKind.Human, actor.Kind);
        Assert.Null(actor.Team);
        Assert.Equal("NA", actor.Market);
    }

    [Fact]
    public void Resolve_FifteenCharacterIdOfAKnownUser_FindsTheUser()
    {
        var directory = new ActorDirectory([new Actor("005000000000001AAA", "Ada", ActorKind.Human, "AE", "NA")]);

        Assert.Equal("Ada", directory.Resolve("005000000000001").Name);
        Assert.Equal(ActorKind.Unknown, directory.Resolve("005000000000002").Kind);
    }
}
