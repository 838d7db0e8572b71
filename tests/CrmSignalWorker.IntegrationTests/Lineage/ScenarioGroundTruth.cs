using CrmSignalWorker.Simulator;
using CrmSignalWorker.Simulator.PubSub;

namespace CrmSignalWorker.IntegrationTests.Lineage;

/// <summary>One inventory row: a field, a writer and a write path.</summary>
public sealed record InventoryKey(string ObjectName, string Field, string ActorKind, string? Team, string? ClientName, string? AutomationId, string Channel);

/// <summary>
/// What the inventory of a simulated org must say, worked out from the scenario's own generated rows and users, never
/// from the store: who each simulated user is (the roster's user types, profiles and roles, mapped to teams as
/// appsettings.json does) and which change origin the simulator gave each transaction.
/// </summary>
internal sealed class ScenarioGroundTruth(Scenario scenario)
{
    private static readonly Dictionary<string, string> RoleTeams = new(StringComparer.Ordinal)
    {
        ["SDR"] = "SDR",
        ["Account Executive"] = "AE",
        ["Customer Success"] = "CS",
        ["Sales Operations"] = "Sales Ops",
    };

    private static readonly HashSet<string> CdcBookkeeping = new(StringComparer.Ordinal) { "LastModifiedDate", "LastModifiedById", "SystemModstamp" };

    private readonly Dictionary<string, SimUser> _users = scenario.Users.ToDictionary(u => u.Id, StringComparer.Ordinal);

    /// <summary>Every row of OpportunityFieldHistory and LeadHistory: history names no client or automation, and a person's path stays unknown.</summary>
    public Dictionary<InventoryKey, long> FromHistory() =>
        scenario.OpportunityFieldHistory.Select(r => (Object: "Opportunity", Row: r))
            .Concat(scenario.LeadHistory.Select(r => (Object: "Lead", Row: r)))
            .Select(r =>
            {
                var (kind, team, historyChannel) = Who(r.Row.CreatedById);
                // The id row of an owner change is the write; the name row beside it keeps its own field name.
                var field = r.Row.Field == "Owner" && r.Row.DataType == "EntityId" ? "OwnerId" : r.Row.Field;
                return new InventoryKey(r.Object, field, kind, team, null, null, historyChannel);
            })
            .CountBy(k => k)
            .ToDictionary(p => p.Key, p => (long)p.Value);

    /// <summary>
    /// Every change event the org published: one row per record and changed field (a created record is one "created"
    /// row), the path its changeOrigin names, and the flow named by the workflow events of its transaction and record
    /// when they name exactly one.
    /// </summary>
    public Dictionary<InventoryKey, long> FromChangeEvents()
    {
        var log = EventLog();
        var automations = log.WorkflowEvents
            .Where(e => !string.IsNullOrEmpty(e.AutomationId) && e.CorrelationId is not null)
            .GroupBy(e => (e.CorrelationId!, e.RecordId))
            .ToDictionary(g => g.Key, g => g.Select(e => e.AutomationId!).Distinct(StringComparer.Ordinal).ToList());
        var origins = new ChangeOrigins(scenario, "v62.0");
        var keys = new List<InventoryKey>();
        foreach (var change in log.Changes)
        {
            var (kind, team, _) = Who(change.CommitUser);
            var (channel, client) = PathOf(change.ChangeOrigin, origins, kind);
            var fields = change.ChangeType == ChangeType.Create
                ? ["created"]
                : change.ChangedFields.Concat(change.NulledFields).Where(f => !CdcBookkeeping.Contains(f)).Distinct(StringComparer.Ordinal).ToList();
            foreach (var recordId in change.RecordIds)
            {
                var automation = automations.TryGetValue((change.TransactionKey, recordId), out var named) && named.Count == 1 ? named[0] : null;
                keys.AddRange(fields.Select(f => new InventoryKey(change.Entity, f, kind, team, client, automation, channel)));
            }
        }

        return keys.CountBy(k => k).ToDictionary(p => p.Key, p => (long)p.Value);
    }

    public int WorkflowEventCount => EventLog().WorkflowEvents.Count;

    /// <summary>The stage and owner changes among the inventory's rows, per object, and those with a known actor and path.</summary>
    public static Dictionary<string, (long Changes, long Attributed)> Coverage(Dictionary<InventoryKey, long> inventory) =>
        inventory
            .Where(p => p.Key.Field == "OwnerId" || p.Key.Field == (p.Key.ObjectName == "Opportunity" ? "StageName" : "Status"))
            .GroupBy(p => p.Key.ObjectName, StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g => (g.Sum(p => p.Value), g.Where(p => p.Key.ActorKind != "unknown" && p.Key.Channel != "unknown").Sum(p => p.Value)),
                StringComparer.Ordinal);

    // The same log the org's bus was filled with: same scenario, same seed, same origins' API version.
    private ScenarioEventLog EventLog() =>
        new ScenarioChangeEvents(scenario, new ChangeOrigins(scenario, "v62.0"), new TransactionSource(scenario.Seed, new DeterministicIds(scenario.Seed))).Build();

    /// <summary>Actor kind, team and the path history can tell from the actor alone.</summary>
    private (string Kind, string? Team, string HistoryChannel) Who(string userId) => _users[userId] switch
    {
        { UserType: "AutomatedProcess" } => ("automation", "Automation", "automation"),
        { UserType: "CloudIntegrationUser" } => ("integration", "Integration", "api"),
        { ProfileName: "Minimum Access - API Only Integrations" } => ("integration", "Integration", "api"),
        var person => ("human", person.RoleName is { } role ? RoleTeams.GetValueOrDefault(role) : null, "unknown"),
    };

    private static (string Channel, string? Client) PathOf(string origin, ChangeOrigins origins, string kind)
    {
        if (origin.Length == 0)
        {
            return (kind == "automation" ? "automation" : "unknown", null);
        }

        if (origin == origins.Ui)
        {
            return ("ui", null);
        }

        if (origin == origins.MarketoSync)
        {
            return ("api", "MarketoSync");
        }

        if (origin == origins.BulkCleanup)
        {
            return ("bulk_import", "DataLoaderBulk");
        }

        return origin == "com/salesforce/api/rest/62.0" ? ("api", null) : throw new InvalidOperationException($"The scenario uses an origin this test does not know: '{origin}'.");
    }
}
