using CrmSignalWorker.Core.Actors;
using CrmSignalWorker.Core.Changes;
using CrmSignalWorker.Core.Normalization;
using CrmSignalWorker.Simulator;
using CrmSignalWorker.Storage.Ingest;

namespace CrmSignalWorker.Benchmarks;

/// <summary>
/// The history of one simulated org, run through the worker's own normalizer to make workloads, so the rows have
/// the real shape (key lengths, null patterns, stage and owner events) rather than synthetic filler.
/// </summary>
internal sealed class SimulatedHistory
{
    /// <summary>The page size the worker reads at: the simulator's default and Salesforce's maximum batch size.</summary>
    public const int PageSize = 2000;

    // A fixed end date keeps the scenario (and so every run's rows) identical; the seed is the simulator's default.
    private static readonly DateOnly EndDate = new(2025, 6, 2);

    // The demo's role → team map (src/CrmSignalWorker/appsettings.json), so actors get teams as in production.
    private static readonly Dictionary<string, string> RoleTeams = new(StringComparer.OrdinalIgnoreCase)
    {
        ["SDR"] = "SDR",
        ["Account Executive"] = "AE",
        ["Customer Success"] = "CS",
        ["Sales Operations"] = "Sales Ops",
        ["CS Operations"] = "CS Ops",
    };

    private readonly ActorDirectory _directory;
    private readonly Dictionary<string, string> _markets;
    private readonly IReadOnlyList<(string HistoryObject, HistoryRow[] Rows)> _rows;

    private SimulatedHistory(ActorDirectory directory, Dictionary<string, string> markets, IReadOnlyList<(string, HistoryRow[])> rows)
    {
        _directory = directory;
        _markets = markets;
        _rows = rows;
    }

    /// <summary>
    /// Generates the org and keeps its OpportunityFieldHistory and LeadHistory rows, without deleted rows
    /// (<c>/query</c>, which the worker uses, leaves them out).
    /// </summary>
    public static SimulatedHistory Generate(int opportunities, int leads)
    {
        var scenario = Scenario.Generate(new SimulatedOrgOptions { Opportunities = opportunities, Leads = leads }, EndDate);
        var markets = new Dictionary<string, string>(scenario.OpportunityMarket, StringComparer.Ordinal);
        foreach (var lead in scenario.Leads)
        {
            markets[lead.Id] = lead.Market;
        }

        return new SimulatedHistory(Directory(scenario), markets,
        [
            (SalesforceObjects.OpportunityFieldHistory, Rows(SalesforceObjects.OpportunityFieldHistory, scenario.OpportunityFieldHistory)),
            (SalesforceObjects.LeadHistory, Rows(SalesforceObjects.LeadHistory, scenario.LeadHistory)),
        ]);
    }

    /// <summary>
    /// The history cut into pages of <paramref name="pageSize"/> rows per history object, as HistoryReader returns
    /// them, at most <paramref name="maxPages"/> of them, each normalized with its checkpoint.
    /// </summary>
    public Workload Cut(string name, int pageSize, int maxPages = int.MaxValue)
    {
        var pages = new List<Page>();
        var historyRows = 0;
        foreach (var chunk in _rows.SelectMany(o => o.Rows.Chunk(pageSize)).Take(maxPages))
        {
            var normalized = HistoryNormalizer.Normalize(chunk, _directory, _markets);
            pages.Add(new Page(
                new IngestBatch(normalized.FieldChanges, normalized.WorkflowEvents, [], []),
                new Checkpoint("history:" + chunk[0].HistoryObject, chunk[^1].CreatedDate, ReplayId: null)));
            historyRows += chunk.Length;
        }

        return new Workload(name, historyRows, pages);
    }

    private static HistoryRow[] Rows(string historyObject, IEnumerable<SimFieldHistory> rows) =>
    [
        .. rows.Where(r => !r.IsDeleted).Select(r =>
            new HistoryRow(historyObject, r.Id, r.ParentId, r.Field, r.DataType, r.OldValue, r.NewValue, r.CreatedById, r.CreatedDate)),
    ];

    private static ActorDirectory Directory(Scenario scenario)
    {
        var rules = new AttributionRules(
            RoleTeams,
            new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase),
            AttributionRules.DefaultIntegrationProfiles);
        var classifier = new ActorClassifier(rules);
        return new ActorDirectory(scenario.Users.Select(u =>
            classifier.Classify(new SalesforceUser(u.Id, u.Name, u.UserType, u.ProfileName, u.RoleName, u.Market, u.IsActive))));
    }
}
