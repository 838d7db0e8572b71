using CrmSignalWorker.Simulator;
using CrmSignalWorker.Simulator.Generation;
using CrmSignalWorker.Simulator.PubSub;

namespace CrmSignalWorker.UnitTests.Simulator.PubSub;

public sealed class ScenarioChangeEventsTests
{
    private const string OrgId = "00D000000000001AAA";
    private const string Ae = "005000000000001AAA";
    private const string Marketo = "005000000000002AAA";
    private const string AutoProc = "005000000000003AAA";
    private const string Admin = "005000000000004AAA";
    private const string Platform = "005000000000005AAA";
    private const string OppA = "006000000000001AAA";
    private const string OppB = "006000000000002AAA";
    private const string OppC = "006000000000003AAA";
    private const string LeadL = "00Q000000000001AAA";
    private const string Ui = "com/salesforce/api/soap/62.0;client=SfdcInternalAPI/";
    private const string MarketoSync = "com/salesforce/api/rest/62.0;client=MarketoSync";
    private const string Bulk = "com/salesforce/api/bulkapi/62.0;client=DataLoaderBulk";

    private static readonly DateTimeOffset s_t0 = new(2026, 11, 5, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset s_sync = new(2026, 11, 10, 2, 15, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset s_aeEdit = new(2026, 11, 11, 15, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset s_platformEdit = new(2026, 11, 12, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset s_cleanup = new(2026, 11, 21, 16, 30, 0, TimeSpan.Zero);

    [Fact]
    public void Build_HandBuiltHistory_OneEventPerRecordUserSecondInCommitOrder()
    {
        var drafts = CreateSut(HandBuiltScenario());

        Assert.Equal(
            [
                (OppA, ChangeType.Create), (LeadL, ChangeType.Create), (OppB, ChangeType.Create), (OppC, ChangeType.Create),
                (LeadL, ChangeType.Update), (OppA, ChangeType.Update), (OppB, ChangeType.Update), (OppC, ChangeType.Update),
                (OppA, ChangeType.Update), (OppC, ChangeType.Update), (OppB, ChangeType.Update),
            ],
            drafts.Select(d => (Assert.Single(d.RecordIds), d.ChangeType)));
        Assert.True(drafts.Zip(drafts.Skip(1)).All(p => p.First.CommitTimestamp <= p.Second.CommitTimestamp));
    }

    [Fact]
    public void Build_SyncWritingThreeDealsInOneSecond_IsOneTransactionNumberedOneToThree()
    {
        var drafts = CreateSut(HandBuiltScenario());

        var sync = drafts.Where(d => d.CommitTimestamp == s_sync).ToList();
        Assert.Equal(3, sync.Count);
        Assert.Single(sync.Select(d => d.TransactionKey).Distinct());
        Assert.Single(sync.Select(d => d.CommitNumber).Distinct());
        Assert.Equal([1, 2, 3], sync.Select(d => d.SequenceNumber));
        Assert.All(sync, d => Assert.Equal(MarketoSync, d.ChangeOrigin));
        Assert.All(sync, d => Assert.Equal(Marketo, d.CommitUser));
        var others = drafts.Except(sync).ToList();
        Assert.All(others, d => Assert.Equal(1, d.SequenceNumber));
        Assert.Equal(others.Count, others.Select(d => d.TransactionKey).Distinct().Count());
        Assert.DoesNotContain(sync[0].TransactionKey, others.Select(d => d.TransactionKey));
        Assert.True(drafts.Zip(drafts.Skip(1)).All(p => p.First.CommitNumber <= p.Second.CommitNumber));
    }

    [Fact]
    public void Build_TwoFieldsSavedTogether_OneUpdateListingBothAndLastModified()
    {
        var drafts = CreateSut(HandBuiltScenario());

        var edit = Assert.Single(drafts, d => d.CommitTimestamp == s_aeEdit);
        Assert.Equal(ChangeType.Update, edit.ChangeType);
        Assert.Equal(["Amount", "CloseDate", "LastModifiedById", "LastModifiedDate"], edit.ChangedFields.Order(StringComparer.Ordinal));
        Assert.Equal(2000d, edit.Values["Amount"]);
        Assert.Equal(FieldValues.EpochMilliseconds(new DateOnly(2026, 12, 15)), edit.Values["CloseDate"]);
        Assert.Equal(s_aeEdit.ToUnixTimeMilliseconds(), edit.Values["LastModifiedDate"]);
        Assert.Equal(Ae, edit.Values["LastModifiedById"]);
        Assert.Equal(Ui, edit.ChangeOrigin);
        Assert.Empty(edit.NulledFields);
    }

    [Fact]
    public void Build_Create_CarriesValuesBeforeLaterChanges()
    {
        var drafts = CreateSut(HandBuiltScenario());

        var create = drafts.First(d => d.RecordIds[0] == OppA);
        Assert.Equal("Prospecting", create.Values["StageName"]);
        Assert.Equal(1000d, create.Values["Amount"]);
        Assert.Equal(10d, create.Values["Probability"]);
        Assert.Equal(Ae, create.Values["OwnerId"]);
        Assert.Equal("NA", create.Values["Market__c"]);
        Assert.Empty(create.ChangedFields);
        Assert.Equal(Ui, create.ChangeOrigin);

        var lead = drafts.First(d => d.RecordIds[0] == LeadL);
        Assert.Equal(Marketo, lead.Values["OwnerId"]);
        Assert.Equal("Ada", lead.Values["Name.FirstName"]);
        Assert.Equal(MarketoSync, lead.ChangeOrigin);
    }

    [Fact]
    public void Build_ChangeOrigins_FollowWhoWrote()
    {
        var drafts = CreateSut(HandBuiltScenario());

        var assignment = Assert.Single(drafts, d => d.RecordIds[0] == LeadL && d.ChangeType == ChangeType.Update);
        Assert.Equal("", assignment.ChangeOrigin);
        Assert.Equal(["LastModifiedById", "LastModifiedDate", "OwnerId"], assignment.ChangedFields.Order(StringComparer.Ordinal));
        Assert.Equal(Ae, assignment.Values["OwnerId"]);

        Assert.Equal("com/salesforce/api/rest/62.0", Assert.Single(drafts, d => d.CommitTimestamp == s_platformEdit).ChangeOrigin);

        var cleanup = Assert.Single(drafts, d => d.CommitTimestamp == s_cleanup);
        Assert.Equal(Bulk, cleanup.ChangeOrigin);
        Assert.Equal(
            ["ForecastCategory", "IsClosed", "LastModifiedById", "LastModifiedDate", "Probability", "StageName"],
            cleanup.ChangedFields.Order(StringComparer.Ordinal));
        Assert.Equal(true, cleanup.Values["IsClosed"]);
        Assert.Equal(0d, cleanup.Values["Probability"]);
    }

    [Fact]
    public void Build_AutomatedLeadRouting_HandoffWorkflowEventCorrelatedWithItsChangeEvent()
    {
        var log = CreateLog(HandBuiltScenario());

        var handoff = Assert.Single(log.WorkflowEvents);
        var change = Assert.Single(log.Changes, d => d.RecordIds[0] == LeadL && d.ChangeType == ChangeType.Update);
        Assert.Equal(WorkflowEventTypes.Handoff, handoff.EventType);
        Assert.Equal("Lead", handoff.ObjectName);
        Assert.Equal(LeadL, handoff.RecordId);
        Assert.Equal((Marketo, Ae), (handoff.OwnerBefore, handoff.OwnerAfter));
        Assert.Null(handoff.StageBefore);
        Assert.Equal("Lead_Routing_Flow", handoff.AutomationId);
        Assert.Equal(AutoProc, handoff.CreatedById);
        Assert.Equal(change.TransactionKey, handoff.CorrelationId);
        Assert.Equal(change.CommitTimestamp, handoff.CreatedDate);

        // On the bus the workflow event follows the change event of its transaction.
        var all = log.All.ToList();
        Assert.Equal(all.IndexOf(change) + 1, all.FindIndex(d => d is WorkflowEventDraft));
    }

    [Fact]
    public void Build_GeneratedScenario_WorkflowEventForEveryAutomatedOwnerOrStageWrite()
    {
        var scenario = Scenario.Generate(new SimulatedOrgOptions { Seed = 11, Opportunities = 100, Leads = 100 }, new DateOnly(2026, 11, 23));

        var log = CreateLog(scenario);

        var automatedHandoffs = scenario.LeadHistory.Count(r => r.CreatedById == scenario.AutomatedProcessUserId && r.Field == "Owner" && r.DataType == "EntityId");
        Assert.True(automatedHandoffs > 10);
        Assert.Equal(automatedHandoffs, log.WorkflowEvents.Count(e => e.ObjectName == "Lead" && e.EventType == WorkflowEventTypes.Handoff));
        var changesByRecordAndSecond = log.Changes.ToDictionary(c => (c.RecordIds[0], c.CommitTimestamp));
        Assert.All(log.WorkflowEvents, e =>
        {
            var change = changesByRecordAndSecond[(e.RecordId, e.CreatedDate)];
            Assert.Equal(change.TransactionKey, e.CorrelationId);
            Assert.Equal(scenario.AutomatedProcessUserId, change.CommitUser);
            Assert.Equal(scenario.AutomatedProcessUserId, e.CreatedById);
            Assert.Contains(e.EventType, WorkflowEventTypes.All);
        });
        Assert.Equal(log.WorkflowEvents.Count, log.WorkflowEvents.Select(e => e.EventUuid).Distinct().Count());
        Assert.Equal(log.WorkflowEvents, scenario.WorkflowEvents);
    }

    [Fact]
    public void Build_GeneratedScenario_OneCreatePerRecordAndConsistentTransactions()
    {
        var scenario = Scenario.Generate(new SimulatedOrgOptions { Seed = 11, Opportunities = 300, Leads = 100 }, new DateOnly(2026, 11, 23));

        var drafts = CreateSut(scenario);

        var records = scenario.Opportunities.Count + scenario.Leads.Count + scenario.Accounts.Count + scenario.Contacts.Count + scenario.Cases.Count
            + scenario.DealRegistrations.Count;
        Assert.Equal(records, drafts.Count(d => d.ChangeType == ChangeType.Create));
        var expectedEvents = scenario.OpportunityFieldHistory.Concat(scenario.LeadHistory).Concat(scenario.AccountHistory).Concat(scenario.ContactHistory)
            .Concat(scenario.CaseHistory).Concat(scenario.DealRegistrationHistory)
            .Select(r => (r.ParentId, r.CreatedById, r.CreatedDate)).Distinct().Count();
        Assert.Equal(expectedEvents, drafts.Count);
        foreach (var transaction in drafts.GroupBy(d => d.TransactionKey))
        {
            Assert.Equal(Enumerable.Range(1, transaction.Count()), transaction.Select(d => d.SequenceNumber));
            Assert.Single(transaction.Select(d => (d.CommitNumber, d.CommitTimestamp, d.CommitUser, d.ChangeOrigin)).Distinct());
        }

        Assert.Contains(drafts.GroupBy(d => d.TransactionKey), t => t.First().ChangeOrigin.EndsWith("client=MarketoSync", StringComparison.Ordinal) && t.Count() >= 2);
        var bulk = drafts.Where(d => d.ChangeOrigin.Contains("bulkapi", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(bulk);
        Assert.All(bulk, d => Assert.Equal("Closed Lost", d.Values["StageName"]));
        Assert.All(bulk, d => Assert.Equal(scenario.RunAsUserId, d.CommitUser));
        Assert.Contains(drafts, d => d.ChangeOrigin.Length == 0);
        Assert.All(drafts.Where(d => d.ChangeType == ChangeType.Update), d => Assert.Contains("LastModifiedDate", d.ChangedFields));
    }

    [Fact]
    public void Build_SameSeed_SameEvents()
    {
        var options = new SimulatedOrgOptions { Seed = 5, Opportunities = 60, Leads = 20 };
        var first = CreateSut(Scenario.Generate(options, new DateOnly(2026, 11, 23)));
        var second = CreateSut(Scenario.Generate(options, new DateOnly(2026, 11, 23)));

        Assert.Equal(first.Select(Describe), second.Select(Describe));
    }

    private static IReadOnlyList<ChangeEventDraft> CreateSut(Scenario scenario) => CreateLog(scenario).Changes;

    private static ScenarioEventLog CreateLog(Scenario scenario) =>
        new ScenarioChangeEvents(scenario, new ChangeOrigins(scenario, "v62.0"), new TransactionSource(scenario.Seed, new DeterministicIds(scenario.Seed))).Build();

    private static string Describe(ChangeEventDraft d) =>
        string.Join('|', d.Entity, d.RecordIds[0], d.ChangeType, d.TransactionKey, d.SequenceNumber, d.CommitNumber, d.CommitTimestamp, d.ChangeOrigin,
            string.Join(',', d.Values.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => $"{v.Key}={v.Value}")));

    private static Scenario HandBuiltScenario()
    {
        var users = new List<SimUser>
        {
            User(Ae, "Alice Adams", "Standard", "Salesforce"),
            User(Marketo, "Marketo Integration", "Standard", "Salesforce Integration"),
            User(AutoProc, "Automated Process", "AutomatedProcess", null),
            User(Admin, "Sam Ops", "Standard", "Salesforce"),
            User(Platform, "Platform Integration User", "CloudIntegrationUser", "Analytics Cloud Integration User"),
        };
        var opportunities = new List<SimOpportunity>
        {
            new(OppA, "Acme - Renewal", "NA", "Qualification", 2000m, new DateOnly(2026, 12, 15), Ae, Ae, s_t0, s_aeEdit, false),
            new(OppB, "Beta - New", "EMEA", "Closed Lost", 500m, new DateOnly(2026, 12, 1), Ae, Ae, s_t0.AddSeconds(10), s_cleanup, false),
            new(OppC, "Gamma - Upsell", "APAC", "Needs Analysis", 900m, new DateOnly(2026, 12, 1), Ae, Ae, s_t0.AddSeconds(20), s_platformEdit, false),
        };
        var leads = new List<SimLead>
        {
            new(LeadL, "Ada", "Lovelace", "Engines Ltd", "EMEA", "Open - Not Contacted", "Web", Ae, Marketo, s_t0.AddSeconds(5), s_t0.AddSeconds(65), false),
        };
        var n = 0;
        SimFieldHistory Row(string parent, string field, string? type, string? oldValue, string? newValue, string actor, DateTimeOffset at) =>
            new($"017000000000{++n:000}AAA", parent, field, type, oldValue, newValue, actor, at, false);

        var oppRows = new List<SimFieldHistory>
        {
            Row(OppA, "created", null, null, null, Ae, s_t0),
            Row(OppB, "created", null, null, null, Ae, s_t0.AddSeconds(10)),
            Row(OppC, "created", null, null, null, Ae, s_t0.AddSeconds(20)),
            Row(OppA, "StageName", "Picklist", "Prospecting", "Qualification", Marketo, s_sync),
            Row(OppB, "StageName", "Picklist", "Prospecting", "Qualification", Marketo, s_sync),
            Row(OppC, "StageName", "Picklist", "Qualification", "Needs Analysis", Marketo, s_sync),
            Row(OppA, "Amount", "Currency", "1000", "2000", Ae, s_aeEdit),
            Row(OppA, "CloseDate", "Date", "2026-12-01", "2026-12-15", Ae, s_aeEdit),
            Row(OppC, "Amount", "Currency", "800", "900", Platform, s_platformEdit),
            Row(OppB, "StageName", "Picklist", "Qualification", "Closed Lost", Admin, s_cleanup),
        };
        var leadRows = new List<SimFieldHistory>
        {
            Row(LeadL, "created", null, null, null, Marketo, s_t0.AddSeconds(5)),
            Row(LeadL, "Owner", "EntityId", Marketo, Ae, AutoProc, s_t0.AddSeconds(65)),
            Row(LeadL, "Owner", "Text", "Marketo Integration", "Alice Adams", AutoProc, s_t0.AddSeconds(65)),
        };
        return new Scenario(
            new ScenarioWindow(1, new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 23)),
            OrgId,
            new OrgSetup([], [], []),
            users,
            opportunities,
            leads,
            [.. oppRows.OrderBy(r => r.CreatedDate).ThenBy(r => r.Id, StringComparer.Ordinal)],
            [],
            leadRows,
            Marketo,
            Admin);
    }

    private static SimUser User(string id, string name, string userType, string? license) =>
        new(id, name, name, name, userType, null, null, license, null, null, null, true, s_t0.AddYears(-1));
}
