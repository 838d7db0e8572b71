namespace CrmSignalWorker.Simulator.Generation;

/// <summary>
/// Plans leads: most arrive from Marketo and are routed to an SDR by the Automated Process user (assignment flow);
/// SDRs then work and close them, and Sales Ops occasionally reassigns one.
/// </summary>
internal sealed class LeadPlanner(Random rng, ScenarioWindow window, UserRoster roster)
{
    public const string OpenNotContacted = "Open - Not Contacted";
    public const string WorkingContacted = "Working - Contacted";
    public const string ClosedConverted = "Closed - Converted";
    public const string ClosedNotConverted = "Closed - Not Converted";

    public List<LeadPlan> PlanAll(int count)
    {
        var plans = new List<LeadPlan>(count);
        for (var i = 0; i < count; i++)
        {
            plans.Add(Plan(Markets.Pick(rng)));
        }

        if (count >= 20)
        {
            for (var i = 0; i < Math.Max(1, count / 50); i++)
            {
                plans[rng.Next(count)].IsDeleted = true;
            }
        }

        return plans;
    }

    private LeadPlan Plan(string market)
    {
        var day = rng.Next(0, window.Days);
        var sdr = roster.PickFromTeam(UserRoster.SdrRole, market);
        var fromMarketo = rng.Next(100) < 60;

        // Marketo syncs around the clock; people create leads in their working hours.
        var created = fromMarketo
            ? window.DayStart(day).AddSeconds(rng.Next(0, 24 * 3600))
            : window.DayStart(day).AddHours(Markets.WorkdayStartHourUtc(market)).AddMinutes(rng.Next(0, Markets.WorkingHours * 60));

        var plan = new LeadPlan
        {
            FirstName = NamePools.FirstNames[rng.Next(NamePools.FirstNames.Count)],
            LastName = NamePools.LastNames[rng.Next(NamePools.LastNames.Count)],
            Company = NamePools.Company(rng),
            Market = market,
            LeadSource = fromMarketo ? (rng.Next(2) == 0 ? "Web" : "Marketing Campaign") : "Outbound",
            CreatorId = fromMarketo ? roster.Marketo.Id : sdr.Id,
            CreatedAt = created,
        };

        if (fromMarketo)
        {
            plan.Saves.Add(new LeadSave(created.AddSeconds(rng.Next(20, 240)), roster.AutomatedProcess.Id, NewOwnerId: sdr.Id));
        }

        if (rng.Next(100) < 80)
        {
            var working = created.AddMinutes(rng.Next(120, 72 * 60));
            plan.Saves.Add(new LeadSave(working, null, Status: WorkingContacted));
            var outcome = rng.Next(100);
            if (outcome < 35)
            {
                plan.Saves.Add(new LeadSave(working.AddMinutes(rng.Next(24 * 60, 10 * 24 * 60)), null, Status: ClosedConverted));
            }
            else if (outcome < 65)
            {
                plan.Saves.Add(new LeadSave(working.AddMinutes(rng.Next(48 * 60, 12 * 24 * 60)), null, Status: ClosedNotConverted));
            }
        }

        var colleagues = roster.Team(UserRoster.SdrRole, market).Where(u => u.Id != sdr.Id).ToList();
        if (rng.Next(100) < 10 && colleagues.Count > 0)
        {
            var at = created.AddMinutes(rng.Next(6 * 60, 5 * 24 * 60));
            plan.Saves.Add(new LeadSave(at, roster.Admin.Id, NewOwnerId: colleagues[rng.Next(colleagues.Count)].Id));
        }

        return plan;
    }
}

internal sealed class LeadPlan
{
    public required string FirstName { get; init; }

    public required string LastName { get; init; }

    public required string Company { get; init; }

    public required string Market { get; init; }

    public required string LeadSource { get; init; }

    public required string CreatorId { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public bool IsDeleted { get; set; }

    public List<LeadSave> Saves { get; } = [];
}

/// <param name="ActorId">Who saved; null means the lead's owner at that moment.</param>
internal sealed record LeadSave(DateTimeOffset At, string? ActorId, string? Status = null, string? NewOwnerId = null);
