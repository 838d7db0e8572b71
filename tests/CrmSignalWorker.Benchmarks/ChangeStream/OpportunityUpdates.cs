using CrmSignalWorker.Simulator;
using CrmSignalWorker.Simulator.PubSub;

namespace CrmSignalWorker.Benchmarks.ChangeStream;

/// <summary>What is on the org's bus for a run: the position to stream after, and the events that follow it.</summary>
/// <param name="StartAfter">The replay id a run's stored checkpoint holds; every published update comes after it.</param>
/// <param name="LastReplayId">The replay id of the last update: the checkpoint a complete run leaves behind.</param>
internal sealed record PublishedStream(string Topic, byte[] StartAfter, byte[] LastReplayId, int Events);

/// <summary>
/// Publishes opportunity UPDATE change events on the simulated org's bus, before anything is timed. Each event
/// changes two to four of StageName, Amount, CloseDate and OwnerId (each field with probability 3/4, drawn again when
/// fewer than two came up; so most events also derive a stage change or a handoff), written by a sales rep through the UI or by the Marketo
/// integration over REST, on a random opportunity of the scenario.
/// </summary>
internal static class OpportunityUpdates
{
    public const string Topic = "/data/OpportunityChangeEvent";

    private static readonly string[] Stages =
    [
        "Prospecting", "Qualification", "Needs Analysis", "Value Proposition", "Id. Decision Makers",
        "Perception Analysis", "Proposal/Price Quote", "Negotiation/Review", "Closed Won", "Closed Lost",
    ];

    public static PublishedStream Publish(SimulatedOrg org, int events, TimeProvider time)
    {
        // Fixed seed: every run of the benchmark streams the same events, apart from their commit instants.
        var random = new Random(20261123);
        var scenario = org.Scenario;
        var opportunities = scenario.Opportunities.Where(o => !o.IsDeleted).Select(o => o.Id).ToArray();
        var reps = scenario.Users.Where(u => u.IsActive && u.RoleName is not null).Select(u => u.Id).ToArray();
        var marketo = scenario.Users.First(u => u.UserLicenseName == "Salesforce Integration").Id;
        // The changeOrigin values the simulator gives its own scenario writes (PubSub/ChangeOrigins.cs) at its default API version.
        const string ui = "com/salesforce/api/soap/62.0;client=SfdcInternalAPI/";
        const string rest = "com/salesforce/api/rest/62.0;client=MarketoSync";

        // One second apart, ending now: the reconciliation key has one-second precision, so writes to one field of
        // one record by one user in the same second would collapse into one row, as they would in production.
        var first = time.GetUtcNow() - TimeSpan.FromSeconds(events + 1);
        var startAfter = org.PubSub.PublishChange(new ChangeEventSpec
        {
            Entity = "Opportunity",
            RecordIds = [opportunities[0]],
            Fields = new Dictionary<string, object?> { ["StageName"] = Stages[0] },
            CommitUser = reps[0],
            ChangeOrigin = ui,
            CommitTimestamp = first,
        });

        var last = startAfter;
        for (var i = 1; i <= events; i++)
        {
            var byMarketo = random.Next(5) == 0;
            last = org.PubSub.PublishChange(new ChangeEventSpec
            {
                Entity = "Opportunity",
                RecordIds = [opportunities[random.Next(opportunities.Length)]],
                Fields = Fields(random, reps),
                CommitUser = byMarketo ? marketo : reps[random.Next(reps.Length)],
                ChangeOrigin = byMarketo ? rest : ui,
                CommitTimestamp = first + TimeSpan.FromSeconds(i),
            });
        }

        return new PublishedStream(Topic, startAfter, last, events);
    }

    private static Dictionary<string, object?> Fields(Random random, string[] owners)
    {
        var fields = new Dictionary<string, object?>(StringComparer.Ordinal);
        while (fields.Count < 2)
        {
            fields.Clear();
            if (random.Next(4) != 0)
            {
                fields["StageName"] = Stages[random.Next(Stages.Length)];
            }

            if (random.Next(4) != 0)
            {
                fields["Amount"] = random.Next(10, 2500) * 100.0;
            }

            if (random.Next(4) != 0)
            {
                fields["CloseDate"] = new DateOnly(2026, 1, 1).AddDays(random.Next(365));
            }

            if (random.Next(4) != 0)
            {
                fields["OwnerId"] = owners[random.Next(owners.Length)];
            }
        }

        return fields;
    }
}
