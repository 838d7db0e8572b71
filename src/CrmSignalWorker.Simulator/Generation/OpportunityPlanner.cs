namespace CrmSignalWorker.Simulator.Generation;

/// <summary>
/// Plans every opportunity's life. Ordinary deals move at most one stage per save with 38+ hours between stage
/// changes (saves land on working hours of days at least two apart), so only the planted jumpers have two stage
/// changes inside 24 hours, and the ground truth computed from the rows equals the planted set.
/// </summary>
internal sealed class OpportunityPlanner(Random rng, ScenarioWindow window, UserRoster roster)
{
    private static readonly TimeSpan s_minimumStageGap = TimeSpan.FromHours(26);

    public List<OpportunityPlan> PlanAll(int count)
    {
        var jumperCount = Math.Min(count, Math.Max(8, (int)Math.Round(count * 0.05)));
        var byAccountExecutives = jumperCount >= 4 ? Math.Max(2, jumperCount / 4) : jumperCount / 3;
        var byIntegration = jumperCount - byAccountExecutives;

        // Jumper k (in this random order) is an integration jump while k < byIntegration.
        var jumperSlots = new Dictionary<int, int>();
        foreach (var (index, k) in ShuffledIndexes(count).Take(jumperCount).Select((index, k) => (index, k)))
        {
            jumperSlots.Add(index, k);
        }

        var syncRuns = PlanBadSyncRuns(byIntegration);
        var plans = new List<OpportunityPlan>(count);
        for (var i = 0; i < count; i++)
        {
            var market = Markets.Pick(rng);
            if (!jumperSlots.TryGetValue(i, out var k))
            {
                plans.Add(PlanOrdinary(market));
            }
            else if (k < byIntegration)
            {
                plans.Add(PlanJumper(market, IntegrationJumpTimes(syncRuns, k), roster.Marketo.Id));
            }
            else
            {
                plans.Add(PlanJumper(market, AccountExecutiveJumpTimes(market), actorId: null));
            }
        }

        MarkDeleted(plans);
        ApplyPipelineCleanup(plans);
        return plans;
    }

    private OpportunityPlan PlanOrdinary(string market)
    {
        var createdDay = rng.Next(0, window.Days);
        var initialStage = rng.Next(100) switch { < 60 => 0, < 85 => 1, _ => 2 };
        var plan = StartPlan(market, WorkTime(createdDay, market), initialStage, handoffWithin: TimeSpan.FromDays(3));

        var day = createdDay;
        var stage = initialStage;
        var steps = StageStepCount();
        for (var step = 0; step < steps; step++)
        {
            day += rng.Next(2, 5);
            if (day >= window.Days)
            {
                break;
            }

            stage = NextStage(stage);
            plan.Saves.Add(StageSave(plan, WorkTime(day, market), stage, actorId: rng.Next(100) < 5 ? roster.Admin.Id : null));
            if (OpportunityStages.IsClosed(stage))
            {
                break;
            }
        }

        AddSideEdits(plan);
        AddCustomerSuccessHandoff(plan);
        return plan;
    }

    /// <param name="actorId">The integration user for sync-driven jumps; null for an AE updating their own deal.</param>
    private OpportunityPlan PlanJumper(string market, List<DateTimeOffset> jumpTimes, string? actorId)
    {
        var firstJump = jumpTimes[0];
        var jumpDay = window.DayOf(firstJump);
        var createdDay = rng.Next(0, Math.Max(1, jumpDay - 2));
        var plan = StartPlan(market, WorkTime(createdDay, market), initialStage: null, handoffWithin: TimeSpan.FromHours(20));

        var day = createdDay;
        var stage = 0;
        var earlySteps = rng.Next(0, 3);
        for (var step = 0; step < earlySteps; step++)
        {
            day += rng.Next(2, 4);
            var at = WorkTime(day, market);
            if (at > firstJump - s_minimumStageGap)
            {
                break;
            }

            stage++;
            plan.Saves.Add(StageSave(plan, at, stage, actorId: null));
        }

        for (var i = 0; i < jumpTimes.Count; i++)
        {
            stage++;
            var amount = actorId is null && i == jumpTimes.Count - 1 && rng.Next(100) < 30 ? NewAmount(plan) : (decimal?)null;
            plan.Saves.Add(new OpportunitySave(jumpTimes[i], actorId, Stage: stage, Amount: amount));
        }

        var nextDay = window.DayOf(jumpTimes[^1]) + rng.Next(2, 5);
        if (rng.Next(100) < 40 && nextDay < window.Days)
        {
            stage = stage == OpportunityStages.LastOpen ? OpportunityStages.ClosedWon : stage + 1;
            plan.Saves.Add(StageSave(plan, WorkTime(nextDay, market), stage, actorId: null));
        }

        AddSideEdits(plan);
        return plan;
    }

    /// <summary>Creates the plan with its creator and, for SDR-sourced deals, the SDR-to-AE handoff.</summary>
    /// <param name="initialStage">Null for a jumper, which starts at Prospecting so its jump has stages to cover.</param>
    private OpportunityPlan StartPlan(string market, DateTimeOffset created, int? initialStage, TimeSpan handoffWithin)
    {
        var isJumper = initialStage is null;
        var sdr = roster.PickFromTeam(UserRoster.SdrRole, market);
        var ae = roster.PickFromTeam(UserRoster.AccountExecutiveRole, market);
        var sdrSourced = rng.Next(100) < 85;
        var plan = new OpportunityPlan
        {
            Name = $"{NamePools.Company(rng)} - {NamePools.DealKinds[rng.Next(NamePools.DealKinds.Count)]}",
            Market = market,
            CreatorId = sdrSourced ? sdr.Id : ae.Id,
            CreatedAt = created,
            Amount = rng.Next(10, 300) * 500m,
            CloseDate = DateOnly.FromDateTime(created.UtcDateTime).AddDays(rng.Next(30, 121)),
            InitialStage = initialStage ?? 0,
            IsJumper = isJumper,
        };

        // Jumpers always reach the AE before their jump, so an AE jump is written by the owning AE.
        if (sdrSourced && (isJumper || rng.Next(100) < 90))
        {
            var handoff = created.AddMinutes(rng.Next(60, (int)handoffWithin.TotalMinutes));
            var actor = !isJumper && rng.Next(100) < 20 ? roster.Admin.Id : null;
            if (handoff < window.End)
            {
                plan.Saves.Add(new OpportunitySave(handoff, actor, NewOwnerId: ae.Id));
            }
        }

        return plan;
    }

    private OpportunitySave StageSave(OpportunityPlan plan, DateTimeOffset at, int stage, string? actorId)
    {
        var amount = rng.Next(100) < 35 ? NewAmount(plan) : (decimal?)null;
        DateOnly? closeDate = stage == OpportunityStages.ClosedWon && rng.Next(100) < 50
            ? DateOnly.FromDateTime(at.UtcDateTime)
            : rng.Next(100) < 15 ? plan.CloseDate.AddDays(rng.Next(7, 61)) : null;
        return new OpportunitySave(at, actorId, Stage: stage, Amount: amount, CloseDate: closeDate);
    }

    /// <summary>Amount and close-date edits on their own, before the deal closes; some come from a platform sync.</summary>
    private void AddSideEdits(OpportunityPlan plan)
    {
        var from = plan.CreatedAt.AddHours(1);
        var until = plan.ClosingSave?.At ?? window.End;
        if (until <= from)
        {
            return;
        }

        var amountEdits = rng.Next(100) switch { < 45 => 0, < 80 => 1, _ => 2 };
        for (var i = 0; i < amountEdits; i++)
        {
            var actor = rng.Next(100) < 15 ? roster.PlatformIntegration.Id : null;
            plan.Saves.Add(new OpportunitySave(Between(from, until), actor, Amount: NewAmount(plan)));
        }

        if (rng.Next(100) < 35)
        {
            plan.Saves.Add(new OpportunitySave(Between(from, until), null, CloseDate: plan.CloseDate.AddDays(rng.Next(7, 46))));
        }
    }

    private void AddCustomerSuccessHandoff(OpportunityPlan plan)
    {
        if (plan.ClosingSave is not { Stage: OpportunityStages.ClosedWon } won || rng.Next(100) >= 40)
        {
            return;
        }

        var day = window.DayOf(won.At) + rng.Next(1, 4);
        if (day < window.Days)
        {
            var csm = roster.PickFromTeam(UserRoster.CustomerSuccessRole, plan.Market);
            plan.Saves.Add(new OpportunitySave(WorkTime(day, plan.Market), null, NewOwnerId: csm.Id));
        }
    }

    /// <summary>A few deals are deleted later; their rows stay visible to queryAll only.</summary>
    private void MarkDeleted(List<OpportunityPlan> plans)
    {
        if (plans.Count < 20)
        {
            return;
        }

        var candidates = plans.Where(p => !p.IsJumper).ToList();
        for (var i = 0; i < Math.Max(1, plans.Count / 100); i++)
        {
            var pick = candidates[rng.Next(candidates.Count)];
            pick.IsDeleted = true;
            candidates.Remove(pick);
        }
    }

    /// <summary>
    /// Sales Ops closes stale deals in one bulk run two days before the end: many rows share a second, written by the admin.
    /// A deal qualifies only if its previous stage change is 26+ hours old, so the cleanup never creates a jump.
    /// </summary>
    private void ApplyPipelineCleanup(List<OpportunityPlan> plans)
    {
        if (window.Days < 10)
        {
            return;
        }

        var cleanupAt = window.DayStart(window.Days - 2).AddHours(16).AddMinutes(30);
        var closed = 0;
        foreach (var plan in plans.Where(p => !p.IsJumper && !p.IsDeleted && p.CreatedAt < cleanupAt.AddDays(-14)))
        {
            var earlier = plan.Saves.Where(s => s.At < cleanupAt).ToList();
            var lastStage = earlier.Where(s => s.Stage is not null).MaxBy(s => s.At);
            if (lastStage is { Stage: { } stage } && (OpportunityStages.IsClosed(stage) || lastStage.At > cleanupAt - s_minimumStageGap))
            {
                continue;
            }

            if (rng.Next(100) < 20)
            {
                plan.Saves.RemoveAll(s => s.At >= cleanupAt);
                plan.Saves.Add(new OpportunitySave(cleanupAt.AddSeconds(closed / 4), roster.Admin.Id, Stage: OpportunityStages.ClosedLost));
                closed++;
            }
        }
    }

    /// <summary>A misconfigured sync runs in 15-minute cycles at night (UTC) on a few days and advances one stage per cycle.</summary>
    private List<DateTimeOffset> PlanBadSyncRuns(int jumpers)
    {
        var runCount = jumpers switch { 0 => 0, <= 2 => 1, <= 6 => 2, _ => 3 };
        var firstDay = Math.Max(2, window.Days / 3);
        var runs = new List<DateTimeOffset>(runCount);
        for (var i = 0; i < runCount; i++)
        {
            runs.Add(window.DayStart(rng.Next(firstDay, window.Days)).AddHours(2).AddMinutes(15 * rng.Next(0, 4)));
        }

        return runs;
    }

    /// <summary>Three deals per run share each second, as a bulk sync writes them.</summary>
    private List<DateTimeOffset> IntegrationJumpTimes(List<DateTimeOffset> runs, int jumper)
    {
        var run = runs[jumper % runs.Count];
        var slot = jumper / runs.Count;
        var changes = rng.Next(100) < 60 ? 2 : 3;
        return [.. Enumerable.Range(0, changes).Select(i => run.AddMinutes(15 * i).AddSeconds(slot / 3))];
    }

    /// <summary>An AE catches up a deal before a forecast call: several stages within a couple of hours.</summary>
    private List<DateTimeOffset> AccountExecutiveJumpTimes(string market)
    {
        var day = rng.Next(Math.Max(2, window.Days / 4), window.Days);
        var at = window.DayStart(day)
            .AddHours(Markets.WorkdayStartHourUtc(market))
            .AddMinutes(rng.Next(0, 4 * 60))
            .AddSeconds(rng.Next(0, 60));
        var times = new List<DateTimeOffset> { at };
        var changes = rng.Next(100) < 60 ? 2 : 3;
        for (var i = 1; i < changes; i++)
        {
            at = at.AddMinutes(rng.Next(5, 91)).AddSeconds(rng.Next(0, 60));
            times.Add(at);
        }

        return times;
    }

    private int StageStepCount() => rng.Next(100) switch
    {
        < 10 => 0,
        < 25 => 1,
        < 42 => 2,
        < 58 => 3,
        < 72 => 4,
        < 84 => 5,
        < 93 => 6,
        _ => 8,
    };

    /// <summary>One step of an ordinary deal: usually the next stage, sometimes one skipped (still a single change), sometimes lost.</summary>
    private int NextStage(int stage)
    {
        var roll = rng.Next(100);
        if (roll < 8)
        {
            return OpportunityStages.ClosedLost;
        }

        var next = stage + (roll < 20 ? 2 : 1);
        return next <= OpportunityStages.LastOpen
            ? next
            : rng.Next(100) < 70 ? OpportunityStages.ClosedWon : OpportunityStages.ClosedLost;
    }

    private decimal NewAmount(OpportunityPlan plan) =>
        Math.Max(1_000m, Math.Round(plan.Amount * rng.Next(60, 151) / 100m / 500m) * 500m);

    /// <summary>A moment inside the market's working hours on the given scenario day.</summary>
    private DateTimeOffset WorkTime(int day, string market) =>
        window.DayStart(day)
            .AddHours(Markets.WorkdayStartHourUtc(market))
            .AddMinutes(rng.Next(0, Markets.WorkingHours * 60))
            .AddSeconds(rng.Next(0, 60));

    private DateTimeOffset Between(DateTimeOffset from, DateTimeOffset until) =>
        from.AddSeconds(rng.NextInt64(0, (long)(until - from).TotalSeconds));

    private int[] ShuffledIndexes(int count)
    {
        var indexes = Enumerable.Range(0, count).ToArray();
        rng.Shuffle(indexes);
        return indexes;
    }
}
