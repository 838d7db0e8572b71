using System.Globalization;
using CrmSignalWorker.Core.Calendars;
using CrmSignalWorker.Core.Changes;
using CrmSignalWorker.Core.Milestones;

namespace CrmSignalWorker.Core.Incentives;

/// <summary>
/// Incentive milestones from stored writes, in time order: "entered commit" when a record's commit field takes a commit
/// value, and "final days" of a period (the last week unless configured otherwise) for each record in commit when those
/// days begin, or at the moment it enters commit during them. A record's next write, or the scan up to the limit, emits
/// the final days it was in commit for; a record leaving commit first still gets those it saw begin. One final-days event
/// per record and period: its key names the period.
/// </summary>
public sealed class CommitTracker(FiscalCalendar calendar, CommitMilestone milestone)
{
    /// <param name="states">The stored states of the inputs' records and of records that may have final days due.</param>
    /// <param name="scanLimit">Final days beginning at or before it are emitted for records still in commit; null skips the scan.</param>
    public CommitAdvance Advance(IEnumerable<CommitState> states, IEnumerable<MilestoneInput> inputs, DateTimeOffset? scanLimit)
    {
        ArgumentNullException.ThrowIfNull(states);
        ArgumentNullException.ThrowIfNull(inputs);
        var open = states.ToDictionary(s => s.RecordId, StringComparer.Ordinal);
        var left = new List<CommitState>();
        var events = new List<MilestoneEvent>();
        foreach (var input in inputs.Order(MilestoneInput.TimeOrder))
        {
            if (!string.Equals(input.ObjectName, milestone.ObjectName, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (open.TryGetValue(input.RecordId, out var state))
            {
                open[input.RecordId] = state = FinalDaysDue(state, input.At, events);
            }

            var watched = input.Activity is null && milestone.Watches(input.ObjectName, input.Field);
            if (state is not null && (input.IsDeletion || (watched && !milestone.IsCommit(input.Value))))
            {
                open.Remove(input.RecordId);
                left.Add(state);
            }
            else if (state is null && watched && milestone.IsCommit(input.Value))
            {
                open[input.RecordId] = Enter(input, events);
            }
        }

        if (scanLimit is { } limit)
        {
            foreach (var state in open.Values.ToList())
            {
                open[state.RecordId] = FinalDaysDue(state, limit, events);
            }
        }

        return new CommitAdvance(events, open.Values.ToList(), left);
    }

    private CommitState Enter(MilestoneInput input, List<MilestoneEvent> events)
    {
        var key = string.Create(CultureInfo.InvariantCulture, $"incentive:{input.ObjectName}:{input.RecordId}:entered_commit:{input.At.ToUnixTimeMilliseconds()}");
        var period = calendar.PeriodOf(input.At);
        events.Add(MilestoneEvent.CausedBy(input, key, WorkflowEventType.EnteredCommit, input.At) with { PeriodKey = period?.Key, PeriodEnd = period?.End });
        var state = new CommitState(input.ObjectName, input.RecordId, input.Market, input.At, null);
        if (period is not null && period.InFinalDays(input.At))
        {
            events.Add(FinalDaysEvent(state, period, input.At, input));
            state = state with { FinalDaysThrough = period.FinalDaysStart };
        }

        return state;
    }

    /// <summary>Emits the final days that began since the record entered commit (or since the last emitted) up to <paramref name="until"/>.</summary>
    /// <remarks>Time began these days, not the write that revealed them, so they carry no writer.</remarks>
    private CommitState FinalDaysDue(CommitState state, DateTimeOffset until, List<MilestoneEvent> events)
    {
        var after = state.FinalDaysThrough is { } through && through > state.EnteredAt ? through : state.EnteredAt;
        foreach (var period in calendar.FinalDaysStartingBetween(after, until))
        {
            events.Add(FinalDaysEvent(state, period, period.FinalDaysStart, cause: null));
            state = state with { FinalDaysThrough = period.FinalDaysStart };
        }

        return state;
    }

    private static MilestoneEvent FinalDaysEvent(CommitState state, FiscalPeriod period, DateTimeOffset at, MilestoneInput? cause)
    {
        var key = $"incentive:{state.ObjectName}:{state.RecordId}:final_days:{period.Key}";
        var @event = cause is not null
            ? MilestoneEvent.CausedBy(cause, key, WorkflowEventType.PeriodFinalDays, at)
            : MilestoneEvent.OnSchedule(key, WorkflowEventType.PeriodFinalDays, state.ObjectName, state.RecordId, at, state.Market, "incentive:" + period.Key);
        return @event with { PeriodKey = period.Key, PeriodEnd = period.End };
    }
}
