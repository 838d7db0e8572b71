using CrmSignalWorker.Core.Alerts;

namespace CrmSignalWorker.UnitTests.Alerts;

public sealed class StopTheLineRulesTests
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private static readonly StopTheLineRule MassMisrouting = new("mass-misrouting", DamageKind.Misrouting, MaxShare: 0.10m, MinRecords: 20, Hour);

    [Fact]
    public void AutomationAboveTheRateAndMinimum_IsProposedForPause_NamingItsBlastRadius()
    {
        var proposal = Assert.Single(StopTheLineRules.Evaluate([new AutomationImpact("Lead_Router", DamageKind.Misrouting, 400, 120, Hour)], [MassMisrouting]));

        Assert.Equal(("Lead_Router", "mass-misrouting", 120, 400, 0.3m, false), (proposal.Automation, proposal.Rule, proposal.RecordsDamaged, proposal.RecordsWritten, proposal.Share, proposal.AutoPause));
        Assert.Equal("stop-the-line|mass-misrouting|Lead_Router", proposal.AlertKey);
    }

    [Theory]
    [InlineData(400, 40)] // at the rate, not above it
    [InlineData(50, 19)] // above the rate, but too few records to call systemic
    public void BelowTheRateOrTheMinimum_ProposesNothing(int written, int damaged) =>
        Assert.Empty(StopTheLineRules.Evaluate([new AutomationImpact("Lead_Router", DamageKind.Misrouting, written, damaged, Hour)], [MassMisrouting]));

    [Fact]
    public void OtherDamageOrWindow_IsNotJudgedByTheRule()
    {
        AutomationImpact[] impacts =
        [
            new("Dedupe_Flow", DamageKind.Duplicates, 100, 90, Hour),
            new("Lead_Router", DamageKind.Misrouting, 100, 90, TimeSpan.FromDays(1)),
        ];

        Assert.Empty(StopTheLineRules.Evaluate(impacts, [MassMisrouting]));
    }

    [Fact]
    public void SeveralProposals_WorstDamageFirst_AndAutoPauseOnlyWhereConfigured()
    {
        var autoPausing = new StopTheLineRule("stage-corruption", DamageKind.StageCorruption, 0.05m, 10, Hour, AutoPause: true);
        AutomationImpact[] impacts =
        [
            new("MarketoSync", DamageKind.Misrouting, 200, 60, Hour),
            new("Stage_Sync_Apex", DamageKind.StageCorruption, 900, 300, Hour),
        ];

        var proposals = StopTheLineRules.Evaluate(impacts, [MassMisrouting, autoPausing]);

        Assert.Equal(["Stage_Sync_Apex", "MarketoSync"], proposals.Select(p => p.Automation));
        Assert.Equal([true, false], proposals.Select(p => p.AutoPause));
    }
}
