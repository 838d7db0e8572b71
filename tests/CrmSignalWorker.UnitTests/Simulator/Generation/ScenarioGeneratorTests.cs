using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CrmSignalWorker.Simulator;

namespace CrmSignalWorker.UnitTests.Simulator.Generation;

public sealed class ScenarioGeneratorTests
{
    private static readonly DateOnly s_endDate = new(2026, 11, 23);
    private static readonly Lazy<Scenario> s_default = new(() => CreateSut(seed: 42));

    [Fact]
    public void Generate_SameSeed_ProducesIdenticalRows()
    {
        var first = CreateSut(seed: 7);
        var second = CreateSut(seed: 7);

        Assert.Equal(first.OrganizationId, second.OrganizationId);
        Assert.Equal(first.Users, second.Users);
        Assert.Equal(first.Opportunities, second.Opportunities);
        Assert.Equal(first.Leads, second.Leads);
        Assert.Equal(first.OpportunityFieldHistory, second.OpportunityFieldHistory);
        Assert.Equal(first.OpportunityHistory, second.OpportunityHistory);
        Assert.Equal(first.LeadHistory, second.LeadHistory);
        Assert.Equal(first.StageJumpOpportunityIds.Order(), second.StageJumpOpportunityIds.Order());
    }

    [Fact]
    public void Generate_OpportunitiesLeadsAndTheirHistory_StayAsReleased()
    {
        // The demo and the worker's tests are tuned to these rows (for example "15 of 15 stage-jumping opportunities");
        // objects added to the scenario must not move a single one of them.
        var scenario = s_default.Value;

        var text = new StringBuilder();
        foreach (var u in scenario.Users)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{u.Id}|{u.Name}|{u.UserType}|{u.RoleName}|{u.Market}|{u.CreatedDate:O}");
        }

        foreach (var o in scenario.Opportunities)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{o.Id}|{o.Name}|{o.StageName}|{o.Amount}|{o.CloseDate:O}|{o.OwnerId}|{o.CreatedDate:O}|{o.LastModifiedDate:O}|{o.IsDeleted}");
        }

        foreach (var l in scenario.Leads)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{l.Id}|{l.LastName}|{l.Status}|{l.OwnerId}|{l.CreatedDate:O}|{l.LastModifiedDate:O}|{l.IsDeleted}");
        }

        foreach (var r in scenario.OpportunityFieldHistory.Concat(scenario.LeadHistory))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{r.Id}|{r.ParentId}|{r.Field}|{r.DataType}|{r.OldValue}|{r.NewValue}|{r.CreatedById}|{r.CreatedDate:O}|{r.IsDeleted}");
        }

        foreach (var h in scenario.OpportunityHistory)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{h.Id}|{h.OpportunityId}|{h.StageName}|{h.Amount}|{h.CloseDate:O}|{h.CreatedById}|{h.CreatedDate:O}");
        }

        text.AppendLine(string.Join(',', scenario.StageJumpOpportunityIds.Order(StringComparer.Ordinal)));

        Assert.Equal(15, scenario.StageJumpOpportunityIds.Count);
        Assert.Equal("3514A27E660565D6", Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())).AsSpan(0, 8)));
    }

    [Fact]
    public void Generate_DifferentSeed_ProducesDifferentRows()
    {
        var first = CreateSut(seed: 7);
        var second = CreateSut(seed: 8);

        Assert.NotEqual(first.OrganizationId, second.OrganizationId);
        Assert.NotEqual(first.OpportunityFieldHistory.Select(r => (r.Field, r.NewValue, r.CreatedDate)), second.OpportunityFieldHistory.Select(r => (r.Field, r.NewValue, r.CreatedDate)));
        Assert.NotEqual(first.Users.Select(u => u.Name), second.Users.Select(u => u.Name));
    }

    [Fact]
    public void Generate_StageJumpGroundTruth_EqualsIndependentRecount()
    {
        var scenario = s_default.Value;

        // Independent of the generator: for every StageName change, count changes in the 24 hours starting there.
        var expected = new HashSet<string>(StringComparer.Ordinal);
        var stageRows = scenario.OpportunityFieldHistory.Where(r => r.Field == "StageName").ToList();
        foreach (var start in stageRows)
        {
            var inWindow = 0;
            foreach (var other in stageRows)
            {
                if (other.ParentId == start.ParentId && other.CreatedDate >= start.CreatedDate && other.CreatedDate <= start.CreatedDate.AddHours(24))
                {
                    inWindow++;
                }
            }

            if (inWindow >= 2)
            {
                expected.Add(start.ParentId);
            }
        }

        Assert.NotEmpty(expected);
        Assert.True(expected.SetEquals(scenario.StageJumpOpportunityIds), "ground truth differs from an independent recount");
    }

    [Fact]
    public void Generate_StageJumpers_AreAboutFivePercentAndMostlyWrittenByJumpingActor()
    {
        var scenario = s_default.Value;
        var jumpChanges = JumpChangeActors(scenario);

        var count = scenario.StageJumpOpportunityIds.Count;
        Assert.InRange(count, Math.Max(8, scenario.Opportunities.Count * 4 / 100), scenario.Opportunities.Count * 6 / 100);
        var byJumpingActor = jumpChanges.Count(a => a == scenario.JumpingActorId);
        Assert.True(byJumpingActor * 2 > jumpChanges.Count, $"{byJumpingActor} of {jumpChanges.Count} jump changes came from the jumping actor");
        var others = jumpChanges.Where(a => a != scenario.JumpingActorId).Distinct().Select(id => scenario.Users.Single(u => u.Id == id).RoleName);
        Assert.All(others, role => Assert.Equal("Account Executive", role));
        Assert.Equal("Marketo Integration", scenario.Users.Single(u => u.Id == scenario.JumpingActorId).Name);
    }

    [Fact]
    public void Generate_OrdinaryOpportunities_ChangeStageAtLeast26HoursApart()
    {
        var scenario = s_default.Value;

        var gaps = scenario.OpportunityFieldHistory
            .Where(r => r.Field == "StageName" && !scenario.StageJumpOpportunityIds.Contains(r.ParentId))
            .GroupBy(r => r.ParentId)
            .SelectMany(g =>
            {
                var times = g.Select(r => r.CreatedDate).Order().ToList();
                return times.Zip(times.Skip(1), (a, b) => b - a);
            })
            .ToList();

        Assert.NotEmpty(gaps);
        Assert.All(gaps, gap => Assert.True(gap >= TimeSpan.FromHours(26), $"gap {gap}"));
    }

    [Fact]
    public void Generate_OwnerChange_WritesEntityIdRowAndTextRowTogether()
    {
        var scenario = s_default.Value;
        var names = scenario.Users.ToDictionary(u => u.Id, u => u.Name);

        foreach (var rows in new[] { scenario.OpportunityFieldHistory, scenario.LeadHistory })
        {
            var owners = rows.Where(r => r.Field == "Owner").ToList();
            var idRows = owners.Where(r => r.DataType == "EntityId").ToList();
            Assert.NotEmpty(idRows);
            Assert.Equal(idRows.Count * 2, owners.Count);
            foreach (var idRow in idRows)
            {
                var textRow = Assert.Single(owners, r =>
                    r.DataType == "Text" && r.ParentId == idRow.ParentId && r.CreatedDate == idRow.CreatedDate && r.CreatedById == idRow.CreatedById);
                Assert.Equal(names[idRow.OldValue!], textRow.OldValue);
                Assert.Equal(names[idRow.NewValue!], textRow.NewValue);
            }
        }
    }

    [Fact]
    public void Generate_HistoryRows_UseSalesforceFieldsAndDataTypes()
    {
        var scenario = s_default.Value;

        var kinds = scenario.OpportunityFieldHistory.Select(r => $"{r.Field}:{r.DataType}").Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(["Amount:Currency", "CloseDate:Date", "Owner:EntityId", "Owner:Text", "StageName:Picklist", "created:"], kinds);
        Assert.All(scenario.OpportunityFieldHistory.Where(r => r.Field == "CloseDate"), r => Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", r.NewValue!));
        Assert.All(scenario.OpportunityFieldHistory.Where(r => r.Field == "Amount"), r => Assert.Matches(@"^\d+$", r.NewValue!));
        var statuses = scenario.LeadHistory.Where(r => r.Field == "Status").Select(r => r.NewValue).ToHashSet();
        Assert.Equal(["Closed - Converted", "Closed - Not Converted", "Working - Contacted"], statuses.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Generate_History_IsOrderedByCreatedDateThenIdAndSharesSeconds()
    {
        var rows = s_default.Value.OpportunityFieldHistory;

        Assert.All(rows.Zip(rows.Skip(1)), pair => Assert.True(
            pair.First.CreatedDate < pair.Second.CreatedDate
            || (pair.First.CreatedDate == pair.Second.CreatedDate && string.CompareOrdinal(pair.First.Id, pair.Second.Id) < 0)));
        Assert.Contains(rows.GroupBy(r => r.CreatedDate), g => g.Select(r => r.ParentId).Distinct().Count() > 1);
        Assert.All(rows, r => Assert.Equal(0, r.CreatedDate.Millisecond));
    }

    [Fact]
    public void Generate_Rows_StayInsideScenarioWindow()
    {
        var scenario = s_default.Value;
        var start = new DateTimeOffset(s_endDate.AddDays(-30).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var end = new DateTimeOffset(s_endDate.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

        Assert.Equal(s_endDate.AddDays(-30), scenario.FirstDay);
        Assert.All(scenario.OpportunityFieldHistory.Concat(scenario.LeadHistory), r => Assert.InRange(r.CreatedDate, start, end.AddTicks(-1)));
        Assert.All(scenario.OpportunityHistory, r => Assert.InRange(r.CreatedDate, start, end.AddTicks(-1)));
    }

    [Fact]
    public void Generate_DeletedRecords_MarkAllTheirRowsDeleted()
    {
        var scenario = s_default.Value;
        var deletedOpportunities = scenario.Opportunities.Where(o => o.IsDeleted).Select(o => o.Id).ToHashSet();

        Assert.NotEmpty(deletedOpportunities);
        Assert.Contains(scenario.LeadHistory, r => r.IsDeleted);
        Assert.All(scenario.OpportunityFieldHistory, r => Assert.Equal(deletedOpportunities.Contains(r.ParentId), r.IsDeleted));
        Assert.All(scenario.OpportunityHistory, r => Assert.Equal(deletedOpportunities.Contains(r.OpportunityId), r.IsDeleted));
        Assert.Empty(deletedOpportunities.Intersect(scenario.StageJumpOpportunityIds));
    }

    [Fact]
    public void Generate_OpportunityHistory_SnapshotsCreationAndEveryTrackedChange()
    {
        var scenario = s_default.Value;
        var trackedSaves = scenario.OpportunityFieldHistory
            .Where(r => r.Field is "StageName" or "Amount" or "CloseDate")
            .Select(r => (r.ParentId, r.CreatedDate))
            .Distinct()
            .Count();

        Assert.Equal(scenario.Opportunities.Count + trackedSaves, scenario.OpportunityHistory.Count);
        foreach (var snapshots in scenario.OpportunityHistory.GroupBy(s => s.OpportunityId))
        {
            var ordered = snapshots.ToList();
            Assert.Null(ordered[0].PrevAmount);
            foreach (var (previous, current) in ordered.Zip(ordered.Skip(1)))
            {
                Assert.Equal(previous.Amount, current.PrevAmount);
                Assert.Equal(previous.CloseDate, current.PrevCloseDate);
            }

            var final = scenario.Opportunities.Single(o => o.Id == snapshots.Key);
            Assert.Equal(final.StageName, ordered[^1].StageName);
            Assert.Equal(final.Amount, ordered[^1].Amount);
        }
    }

    [Fact]
    public void Generate_Users_CoverTeamsMarketsAndSystemUsers()
    {
        var users = s_default.Value.Users;

        foreach (var market in new[] { "NA", "EMEA", "APAC" })
        {
            Assert.Contains(users, u => u is { RoleName: "SDR", ProfileName: "Sales User" } && u.Market == market);
            Assert.Contains(users, u => u is { RoleName: "Account Executive", ProfileName: "Sales User" } && u.Market == market);
            Assert.Contains(users, u => u is { RoleName: "Customer Success", ProfileName: "Standard User" } && u.Market == market);
        }

        Assert.Single(users, u => u is { ProfileName: "System Administrator", RoleName: "Sales Operations" });
        Assert.Single(users, u => u is { Name: "Marketo Integration", UserType: "Standard", ProfileName: "Minimum Access - API Only Integrations", RoleName: null, Market: null });
        Assert.Single(users, u => u is { UserType: "CloudIntegrationUser", Market: null });
        Assert.Single(users, u => u is { Name: "Automated Process", UserType: "AutomatedProcess", ProfileName: null, RoleName: null, Market: null });
        Assert.All(users, u => Assert.Matches("^005[0-9A-Za-z]{15}$", u.Id));
    }

    [Fact]
    public void Generate_Opportunities_HaveMarketOfTheirOwnerAndSalesforceIds()
    {
        var scenario = s_default.Value;
        var markets = scenario.Users.ToDictionary(u => u.Id, u => u.Market);

        Assert.Equal(300, scenario.Opportunities.Count);
        Assert.Equal(200, scenario.Leads.Count);
        Assert.All(scenario.Opportunities, o =>
        {
            Assert.Matches("^006[0-9A-Za-z]{15}$", o.Id);
            Assert.Equal(scenario.OpportunityMarket[o.Id], markets[o.OwnerId]);
        });
        Assert.All(scenario.Leads, l => Assert.Matches("^00Q[0-9A-Za-z]{15}$", l.Id));
        Assert.All(scenario.OpportunityFieldHistory.Concat(scenario.LeadHistory), r => Assert.Matches("^017[0-9A-Za-z]{15}$", r.Id));
        Assert.All(scenario.OpportunityHistory, r => Assert.Matches("^008[0-9A-Za-z]{15}$", r.Id));
    }

    [Fact]
    public void Generate_SmallOrg_StillPlantsJumpers()
    {
        var scenario = Scenario.Generate(new SimulatedOrgOptions { Seed = 3, Opportunities = 12, Leads = 5, Days = 5 }, s_endDate);

        Assert.Equal(8, scenario.StageJumpOpportunityIds.Count);
    }

    private static List<string> JumpChangeActors(Scenario scenario)
    {
        var actors = new List<string>();
        foreach (var group in scenario.OpportunityFieldHistory.Where(r => r.Field == "StageName").GroupBy(r => r.ParentId))
        {
            var rows = group.OrderBy(r => r.CreatedDate).ToList();
            for (var i = 1; i < rows.Count; i++)
            {
                if (rows[i].CreatedDate - rows[i - 1].CreatedDate <= TimeSpan.FromHours(24))
                {
                    actors.Add(rows[i].CreatedById);
                }
            }
        }

        return actors;
    }

    private static Scenario CreateSut(int seed) => Scenario.Generate(new SimulatedOrgOptions { Seed = seed }, s_endDate);
}
