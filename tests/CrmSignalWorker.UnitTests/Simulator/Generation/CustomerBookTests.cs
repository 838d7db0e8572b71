using CrmSignalWorker.Simulator;
using CrmSignalWorker.Simulator.PubSub;

namespace CrmSignalWorker.UnitTests.Simulator.Generation;

/// <summary>Accounts, contacts, cases and deal registrations: their history, and the change events that must reconcile with it.</summary>
public sealed class CustomerBookTests
{
    private static readonly DateOnly s_endDate = new(2026, 11, 23);
    private static readonly Lazy<Scenario> s_default = new(() => CreateSut(seed: 42));

    public static TheoryData<string> HistoryObjects => ["Account", "Contact", "Case", "Deal_Registration__c"];

    [Fact]
    public void Generate_CustomerSide_HasEveryObjectWithSalesforceIdsAndHistory()
    {
        var scenario = s_default.Value;

        Assert.Equal(60, scenario.Accounts.Count);
        Assert.InRange(scenario.Contacts.Count, 60, 240);
        Assert.InRange(scenario.Cases.Count, 60, 120);
        Assert.InRange(scenario.DealRegistrations.Count, 20, 40);
        Assert.All(scenario.Accounts, a => Assert.StartsWith("001", a.Id, StringComparison.Ordinal));
        Assert.All(scenario.Contacts, c => Assert.StartsWith("003", c.Id, StringComparison.Ordinal));
        Assert.All(scenario.Cases, c => Assert.StartsWith("500", c.Id, StringComparison.Ordinal));
        Assert.All(scenario.DealRegistrations, d => Assert.StartsWith("a1R", d.Id, StringComparison.Ordinal));
        var accountIds = scenario.Accounts.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        Assert.All(scenario.Contacts, c => Assert.Contains(c.AccountId, accountIds));
        Assert.All(scenario.Cases, c => Assert.Contains(c.AccountId, accountIds));
        Assert.All(scenario.DealRegistrations, d => Assert.Contains(d.AccountId, accountIds));
        foreach (var name in (string[])["Account", "Contact", "Case", "Deal_Registration__c"])
        {
            var (records, history) = Of(scenario, name);
            Assert.Equal(records.Count, history.Count(r => r.Field == "created"));
            Assert.All(history, r => Assert.Contains(r.ParentId, records));
            Assert.Equal(history.OrderBy(r => r.CreatedDate).ThenBy(r => r.Id, StringComparer.Ordinal), history);
            Assert.All(history, r => Assert.StartsWith("017", r.Id, StringComparison.Ordinal));
        }
    }

    [Theory]
    [MemberData(nameof(HistoryObjects))]
    public void Generate_OwnerChange_WritesIdRowAndNameRowBySameActorInSameSecond(string objectName)
    {
        var scenario = s_default.Value;
        var names = scenario.Users.ToDictionary(u => u.Id, u => u.Name, StringComparer.Ordinal);
        var (_, history) = Of(scenario, objectName);

        var idRows = history.Where(r => r.Field == "Owner" && r.DataType == "EntityId").ToList();
        Assert.NotEmpty(idRows);
        foreach (var idRow in idRows)
        {
            var nameRow = Assert.Single(history, r => r.ParentId == idRow.ParentId && r.Field == "Owner" && r.DataType == "Text" && r.CreatedDate == idRow.CreatedDate);
            Assert.Equal((names[idRow.OldValue!], names[idRow.NewValue!]), (nameRow.OldValue, nameRow.NewValue));
            Assert.Equal(idRow.CreatedById, nameRow.CreatedById);
        }
    }

    [Fact]
    public void Generate_CaseHistory_StatusMovesThroughSupportStagesAndFlowsEscalate()
    {
        var scenario = s_default.Value;

        var statusRows = scenario.CaseHistory.Where(r => r.Field == "Status").ToList();
        Assert.All(statusRows, r => Assert.Equal("Picklist", r.DataType));
        Assert.All(statusRows, r => Assert.Contains(r.NewValue, (string[])["Working", "Escalated", "Closed"]));
        var escalations = statusRows.Where(r => r.NewValue == "Escalated").ToList();
        Assert.NotEmpty(escalations);
        Assert.All(escalations, r => Assert.Equal(scenario.AutomatedProcessUserId, r.CreatedById));
        Assert.All(scenario.Cases.Where(c => c.Status == "Closed"), c => Assert.NotNull(c.ClosedDate));
        Assert.Contains(scenario.CaseHistory, r => r.Field == "Owner" && r.CreatedById == scenario.AutomatedProcessUserId);
        Assert.Contains(scenario.DealRegistrationHistory, r => r.Field == "Amount__c" && r.DataType == "Currency");
    }

    [Theory]
    [MemberData(nameof(HistoryObjects))]
    public void Generate_DeletedRecords_HaveEveryHistoryRowDeleted(string objectName)
    {
        var (_, history) = Of(s_default.Value, objectName);
        var deletedParents = DeletedIds(s_default.Value, objectName);

        Assert.NotEmpty(deletedParents);
        Assert.All(history, r => Assert.Equal(deletedParents.Contains(r.ParentId), r.IsDeleted));
    }

    [Fact]
    public void Generate_SameSeed_SameCustomerSide_AndNoAccountsLeavesItOut()
    {
        var first = CreateSut(seed: 9);
        var second = CreateSut(seed: 9);
        var none = Scenario.Generate(new SimulatedOrgOptions { Seed = 9, Opportunities = 120, Leads = 60, Accounts = 0 }, s_endDate);

        Assert.Equal(first.Accounts, second.Accounts);
        Assert.Equal(first.Cases, second.Cases);
        Assert.Equal(first.DealRegistrationHistory, second.DealRegistrationHistory);
        Assert.Empty(none.Accounts);
        Assert.Empty(none.CaseHistory);
        Assert.Equal(first.OpportunityFieldHistory, none.OpportunityFieldHistory);
        Assert.Equal(first.LeadHistory, none.LeadHistory);
    }

    [Fact]
    public void ChangeEvents_EveryHistoryWrite_HasChangeEventWithSameRecordFieldActorAndSecond()
    {
        var scenario = s_default.Value;
        var changes = ChangeLog(scenario).Changes;
        var byKey = changes.ToLookup(c => (c.RecordIds[0], c.CommitUser, c.CommitTimestamp));

        foreach (var (entity, row) in AllHistory(scenario))
        {
            // The worker reconciles on (object, record id, field, actor, second).
            var events = byKey[(row.ParentId, row.CreatedById, row.CreatedDate.AddTicks(-(row.CreatedDate.Ticks % TimeSpan.TicksPerSecond)))].ToList();
            var change = Assert.Single(events);
            Assert.Equal(entity, change.Entity);
            if (row.Field == "created")
            {
                Assert.Equal(ChangeType.Create, change.ChangeType);
            }
            else if (row.DataType != "Text" || row.Field != "Owner")
            {
                Assert.Equal(ChangeType.Update, change.ChangeType);
                Assert.Contains(row.Field == "Owner" ? "OwnerId" : row.Field, change.ChangedFields);
            }
        }
    }

    [Fact]
    public void ChangeEvents_CaseClosed_CarriesStatusIsClosedAndClosedDate()
    {
        var scenario = s_default.Value;
        var changes = ChangeLog(scenario).Changes;
        var closing = scenario.CaseHistory.First(r => r.Field == "Status" && r.NewValue == "Closed");

        var change = Assert.Single(changes, c => c.RecordIds[0] == closing.ParentId && c.Values.GetValueOrDefault("Status") as string == "Closed");

        Assert.Equal(true, change.Values["IsClosed"]);
        Assert.Equal(closing.CreatedDate.ToUnixTimeMilliseconds(), change.Values["ClosedDate"]);
        Assert.Equal("Case", change.Entity);
    }

    [Fact]
    public void WorkflowEvents_CustomerFlows_AnnounceAssignmentsEscalationsAndApprovals()
    {
        var scenario = s_default.Value;
        var events = scenario.WorkflowEvents;
        var automated = scenario.AutomatedProcessUserId;

        Assert.Equal(
            scenario.CaseHistory.Count(r => r.CreatedById == automated && r.Field == "Owner" && r.DataType == "EntityId"),
            events.Count(e => e.AutomationId == "Case_Assignment_Flow" && e.EventType == "handoff"));
        var escalations = scenario.CaseHistory.Count(r => r.CreatedById == automated && r.Field == "Status");
        Assert.Equal(escalations, events.Count(e => e.AutomationId == "Case_Escalation_Flow" && e.EventType == "stage_change"));
        Assert.Equal(escalations, events.Count(e => e.EventType == "sla_breach" && e.SlaClockState == "breached"));
        Assert.Equal(
            scenario.DealRegistrationHistory.Count(r => r.CreatedById == automated && r.Field == "Status__c"),
            events.Count(e => e.ObjectName == "Deal_Registration__c" && e.EventType == "stage_change"));
        Assert.Contains(events, e => e.AutomationId == "Deal_Registration_Approval_Flow" && e.EventType == "handoff");
        Assert.Contains(events, e => e.AutomationId == "Contact_Owner_Sync_Flow");
        Assert.Contains(events, e => e.AutomationId == "Lead_Routing_Flow");
        var approved = events.First(e => e.StageAfter == "Approved");
        Assert.Equal(("Submitted", "Deal_Registration_Approval_Flow"), (approved.StageBefore, approved.AutomationId));
    }

    private static Scenario CreateSut(int seed) =>
        Scenario.Generate(new SimulatedOrgOptions { Seed = seed, Opportunities = 120, Leads = 60 }, s_endDate);

    private static ScenarioEventLog ChangeLog(Scenario scenario) =>
        new ScenarioChangeEvents(scenario, new ChangeOrigins(scenario, "v62.0"), new TransactionSource(scenario.Seed, new DeterministicIds(scenario.Seed))).Build();

    private static IEnumerable<(string Entity, SimFieldHistory Row)> AllHistory(Scenario s) =>
        s.OpportunityFieldHistory.Select(r => ("Opportunity", r))
            .Concat(s.LeadHistory.Select(r => ("Lead", r)))
            .Concat(s.AccountHistory.Select(r => ("Account", r)))
            .Concat(s.ContactHistory.Select(r => ("Contact", r)))
            .Concat(s.CaseHistory.Select(r => ("Case", r)))
            .Concat(s.DealRegistrationHistory.Select(r => ("Deal_Registration__c", r)));

    private static (HashSet<string> RecordIds, IReadOnlyList<SimFieldHistory> History) Of(Scenario s, string objectName) => objectName switch
    {
        "Account" => (s.Accounts.Select(a => a.Id).ToHashSet(StringComparer.Ordinal), s.AccountHistory),
        "Contact" => (s.Contacts.Select(c => c.Id).ToHashSet(StringComparer.Ordinal), s.ContactHistory),
        "Case" => (s.Cases.Select(c => c.Id).ToHashSet(StringComparer.Ordinal), s.CaseHistory),
        _ => (s.DealRegistrations.Select(d => d.Id).ToHashSet(StringComparer.Ordinal), s.DealRegistrationHistory),
    };

    private static HashSet<string> DeletedIds(Scenario s, string objectName) => objectName switch
    {
        "Account" => s.Accounts.Where(a => a.IsDeleted).Select(a => a.Id).ToHashSet(StringComparer.Ordinal),
        "Contact" => s.Contacts.Where(c => c.IsDeleted).Select(c => c.Id).ToHashSet(StringComparer.Ordinal),
        "Case" => s.Cases.Where(c => c.IsDeleted).Select(c => c.Id).ToHashSet(StringComparer.Ordinal),
        _ => s.DealRegistrations.Where(d => d.IsDeleted).Select(d => d.Id).ToHashSet(StringComparer.Ordinal),
    };
}
