using CrmSignalWorker.Core.Audit;
using CrmSignalWorker.Simulator;
using CrmSignalWorker.Simulator.Data;
using CrmSignalWorker.Simulator.Query;
using CrmSignalWorker.Simulator.Soql;

namespace CrmSignalWorker.UnitTests.Simulator.Generation;

public sealed class SetupAuditTrailGeneratorTests
{
    private static readonly DateOnly s_endDate = new(2026, 11, 23);
    private static readonly Lazy<Scenario> s_default = new(() => CreateSut(seed: 42));

    private static Scenario CreateSut(int seed, int opportunities = 300) =>
        Scenario.Generate(new SimulatedOrgOptions { Seed = seed, Opportunities = opportunities }, s_endDate);

    private static ConfigurationChange Read(SimSetupAuditTrail row) => ConfigurationChangeClassifier.Default.Classify(
        new SetupAuditRow(row.Id, row.Action, row.Section, row.CreatedDate, row.CreatedById, row.Display, row.DelegateUser));

    [Fact]
    public void Generate_SameSeed_ProducesIdenticalAuditRows()
    {
        var first = CreateSut(seed: 7).SetupAudit;
        var second = CreateSut(seed: 7).SetupAudit;

        Assert.Equal(first.Rows, second.Rows);
        Assert.Equal(first.FlowActivation, second.FlowActivation);
        Assert.Equal(first.SpikeStartsAt, second.SpikeStartsAt);
    }

    [Fact]
    public void Generate_DifferentSeed_ProducesDifferentAuditRows() =>
        Assert.NotEqual(
            CreateSut(seed: 7).SetupAudit.Rows.Select(r => (r.Action, r.CreatedDate)),
            CreateSut(seed: 8).SetupAudit.Rows.Select(r => (r.Action, r.CreatedDate)));

    [Fact]
    public void Generate_FlowActivation_PrecedesTheJumpingActorsFirstStageJumpByLessThanThreeHours()
    {
        var scenario = s_default.Value;
        var audit = scenario.SetupAudit;
        var firstJump = scenario.OpportunityFieldHistory
            .Where(r => r.Field == "StageName" && r.CreatedById == scenario.JumpingActorId)
            .Min(r => r.CreatedDate);

        Assert.Equal(firstJump, audit.SpikeStartsAt);
        Assert.True(audit.FlowActivation.CreatedDate < firstJump);
        Assert.True(firstJump - audit.FlowActivation.CreatedDate < TimeSpan.FromHours(3));
        Assert.Equal(audit.FlowActivation.CreatedById, scenario.RunAsUserId);
    }

    [Fact]
    public void Generate_BetweenTheActivationAndTheSpike_NoOtherFlowChangeHappens()
    {
        var audit = s_default.Value.SetupAudit;

        var flowChanges = audit.Rows
            .Where(r => r.Section == "Flows" && r.CreatedDate >= audit.FlowActivation.CreatedDate && r.CreatedDate <= audit.SpikeStartsAt)
            .ToList();

        Assert.Equal([audit.FlowActivation], flowChanges);
    }

    [Fact]
    public void Generate_PlantedRows_ReadAsTheKindsTheTraceLooksFor()
    {
        var audit = s_default.Value.SetupAudit;

        var activation = Read(audit.FlowActivation);
        Assert.Equal(ConfigurationChangeKind.FlowActivated, activation.Kind);
        Assert.Equal(audit.FlowApiName, activation.Component);
        Assert.Equal(ConfigurationChangeKind.ValidationRuleChanged, Read(audit.ValidationRuleEdit).Kind);
        Assert.Equal(ConfigurationChangeKind.AssignmentRuleChanged, Read(audit.AssignmentRuleChange).Kind);
        Assert.All(audit.Rows.Where(r => r.Action == "resetpassword"), r => Assert.Equal(ConfigurationChangeKind.Other, Read(r).Kind));
        Assert.Contains(audit.Rows, r => r.Action == "resetpassword");
        Assert.Single(audit.Rows, r => Read(r).Kind == ConfigurationChangeKind.FlowActivated);
    }

    [Fact]
    public void Generate_Rows_AreInCreationOrderInsideTheScenarioWindowWithUniqueSetupAuditIds()
    {
        var scenario = s_default.Value;
        var rows = scenario.SetupAudit.Rows;
        var start = new DateTimeOffset(scenario.FirstDay.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
        var end = new DateTimeOffset(scenario.EndDate.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));

        Assert.Equal(rows.OrderBy(r => r.CreatedDate).ThenBy(r => r.Id, StringComparer.Ordinal), rows);
        Assert.All(rows, r => Assert.InRange(r.CreatedDate, start, end.AddTicks(-1)));
        Assert.All(rows, r => Assert.StartsWith("0Ym", r.Id, StringComparison.Ordinal));
        Assert.Equal(rows.Count, rows.Select(r => r.Id).Distinct(StringComparer.Ordinal).Count());
        Assert.All(rows, r => Assert.Contains(scenario.Users, u => u.Id == r.CreatedById));
    }

    [Fact]
    public void Generate_ImpersonatedChange_NamesTheAdminAsDelegateUser()
    {
        var scenario = s_default.Value;
        var admin = scenario.Users.Single(u => u.Id == scenario.RunAsUserId);

        var delegated = Assert.Single(scenario.SetupAudit.Rows, r => r.DelegateUser is not null);

        Assert.Equal(admin.Username, delegated.DelegateUser);
        Assert.NotEqual(admin.Id, delegated.CreatedById);
    }

    [Fact]
    public void Generate_ScenarioWithoutIntegrationJumps_StillPlantsTheActivationInsideTheWindow()
    {
        var scenario = CreateSut(seed: 3, opportunities: 1);

        Assert.True(scenario.SetupAudit.FlowActivation.CreatedDate < scenario.SetupAudit.SpikeStartsAt);
        Assert.True(scenario.SetupAudit.FlowActivation.CreatedDate >= new DateTimeOffset(scenario.FirstDay.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc)));
    }

    [Fact]
    public void Query_TheWorkersWatermarkQuery_ReturnsEveryRowFromTheWatermarkInOrder()
    {
        var scenario = s_default.Value;
        var database = OrgDatabaseBuilder.Build(scenario);
        var since = scenario.SetupAudit.FlowActivation.CreatedDate;
        var soql = $"SELECT Id, Action, Section, CreatedDate, CreatedById, Display, DelegateUser FROM SetupAuditTrail WHERE CreatedDate >= {since.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'} ORDER BY CreatedDate, Id";

        var rows = QueryExecutor.Execute(database, new QueryBinder(database, soql).Bind(SoqlParser.Parse(soql)), includeDeleted: false);

        Assert.Equal(scenario.SetupAudit.Rows.Where(r => r.CreatedDate >= since).Select(r => r.Id), rows.Select(r => r.Id));
    }

    [Theory]
    [InlineData("Display")]
    [InlineData("Section")]
    public void Query_FilterOnAFieldSalesforceCannotFilter_IsRefused(string field)
    {
        var database = OrgDatabaseBuilder.Build(s_default.Value);
        var soql = $"SELECT Id FROM SetupAuditTrail WHERE {field} = 'Flows'";

        var error = Assert.Throws<SoqlException>(() => new QueryBinder(database, soql).Bind(SoqlParser.Parse(soql)));

        Assert.Contains("can not be filtered", error.Message, StringComparison.Ordinal);
    }
}
