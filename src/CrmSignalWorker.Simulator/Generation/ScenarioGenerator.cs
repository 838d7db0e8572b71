namespace CrmSignalWorker.Simulator.Generation;

/// <summary>
/// Builds a <see cref="Scenario"/> from one <see cref="Random"/> seeded with the options' seed. Every step draws from it
/// in a fixed order and no step enumerates a hash-ordered collection, so one seed always yields the same rows.
/// </summary>
internal sealed class ScenarioGenerator(SimulatedOrgOptions options, DateOnly endDate)
{
    public Scenario Generate()
    {
        var window = new ScenarioWindow(options.Seed, endDate.AddDays(-options.Days), endDate);

        var rng = new Random(options.Seed);
        var ids = new IdAllocator(options.Seed);
        var organizationId = ids.Next("00D");
        var roster = UserRoster.Create(rng, ids, window, organizationId[..15]);

        var opportunityPlans = new OpportunityPlanner(rng, window, roster).PlanAll(options.Opportunities);
        var leadPlans = new LeadPlanner(rng, window, roster).PlanAll(options.Leads);

        var usersById = roster.All.ToDictionary(u => u.Id, StringComparer.Ordinal);
        var drafts = new HistoryDrafts();
        var opportunityWriter = new OpportunityHistoryWriter(usersById, drafts, window.End);
        var opportunities = opportunityPlans
            .OrderBy(p => p.CreatedAt)
            .Select(p => opportunityWriter.Write(ids.Next("006"), p))
            .ToList();
        var leadWriter = new LeadHistoryWriter(usersById, drafts, window.End);
        var leads = leadPlans
            .OrderBy(p => p.CreatedAt)
            .Select(p => leadWriter.Write(ids.Next("00Q"), p))
            .ToList();

        var deletedParents = opportunities.Where(o => o.IsDeleted).Select(o => o.Id)
            .Concat(leads.Where(l => l.IsDeleted).Select(l => l.Id))
            .ToHashSet(StringComparer.Ordinal);

        var fieldRows = drafts.Fields
            .OrderBy(d => d.At).ThenBy(d => d.Sequence)
            .Select(d => (d.Object, Row: new SimFieldHistory(
                ids.Next("017"), d.ParentId, d.Field, d.DataType, d.OldValue, d.NewValue, d.ActorId, d.At, deletedParents.Contains(d.ParentId))))
            .ToList();
        var snapshots = drafts.Snapshots
            .OrderBy(d => d.At).ThenBy(d => d.Sequence)
            .Select(d => new SimOpportunityHistory(
                ids.Next("008"), d.OpportunityId, d.StageName, d.Amount, d.CloseDate, d.Probability,
                Math.Round(d.Amount * d.Probability / 100m, 2), d.ForecastCategory, d.PrevAmount, d.PrevCloseDate,
                d.ActorId, d.At, deletedParents.Contains(d.OpportunityId)))
            .ToList();

        // The customer side draws from its own generator and takes ids after every opportunity and lead row, so those never move.
        var customers = new CustomerBookWriter(usersById, ids, window.End)
            .Write(new CustomerBookPlanner(new Random(unchecked((options.Seed * 31) + 11)), window, roster).PlanAll(options.Accounts));

        return new Scenario(
            window,
            organizationId,
            roster.Setup,
            roster.All,
            opportunities,
            leads,
            [.. fieldRows.Where(r => r.Object == HistoryObject.OpportunityFieldHistory).Select(r => r.Row)],
            snapshots,
            [.. fieldRows.Where(r => r.Object == HistoryObject.LeadHistory).Select(r => r.Row)],
            jumpingActorId: roster.Marketo.Id,
            runAsUserId: roster.Admin.Id,
            customers: customers);
    }
}
