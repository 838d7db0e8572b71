using CrmSignalWorker.Core.Changes;
using CrmSignalWorker.Core.Milestones;

namespace CrmSignalWorker.Core.Sla;

/// <summary>
/// Moves SLA clocks with stored writes, in time order: a write of a policy's state starts its clock (or a creation, for
/// policies that start on create); a pause state pauses it, the state again resumes it, any other value of the state
/// field stops it, as do the record's deletion and the policy's stop rules. Then clocks whose target ran out by the scan
/// limit breach, without any write. The same clocks and inputs always give the same events with the same keys.
/// </summary>
public sealed class SlaClockTracker(SlaPolicySet policies)
{
    /// <param name="clocks">The open clocks of the inputs' records and those that may be due; others are not touched.</param>
    /// <param name="inputs">Writes and workflow steps, any order; they are applied in time order.</param>
    /// <param name="leadSources">Record id → the record's lead source, where known.</param>
    /// <param name="breachLimit">Clocks due at or before it breach; null skips the scan (inputs are still being caught up).</param>
    public SlaAdvance Advance(
        IEnumerable<SlaClockSnapshot> clocks,
        IEnumerable<MilestoneInput> inputs,
        IReadOnlyDictionary<string, string> leadSources,
        DateTimeOffset? breachLimit)
    {
        ArgumentNullException.ThrowIfNull(clocks);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(leadSources);

        var open = new Dictionary<string, List<SlaClock>>(StringComparer.Ordinal);
        var closed = new List<SlaClockSnapshot>();
        var orphaned = 0;
        foreach (var snapshot in clocks)
        {
            if (policies.Find(snapshot.Policy) is { } policy && policies.CalendarFor(snapshot.Market) is { } calendar)
            {
                OpenOf(open, snapshot.RecordId).Add(new SlaClock(policy, calendar, snapshot));
            }
            else
            {
                closed.Add(snapshot);
                orphaned++;
            }
        }

        var events = new List<MilestoneEvent>();
        foreach (var input in inputs.Order(MilestoneInput.TimeOrder))
        {
            var recordClocks = OpenOf(open, input.RecordId);
            foreach (var clock in recordClocks.ToList())
            {
                var transitions = Apply(clock, input);
                events.AddRange(transitions.Select(t => ToEvent(clock, t, input)));
                if (!clock.IsOpen)
                {
                    recordClocks.Remove(clock);
                    closed.Add(clock.Snapshot());
                }
            }

            if (StartFor(input, recordClocks, leadSources.GetValueOrDefault(input.RecordId)) is { } started)
            {
                recordClocks.Add(started.Clock);
                events.Add(ToEvent(started.Clock, started.Transition, input));
            }
        }

        if (breachLimit is { } limit)
        {
            foreach (var clock in open.Values.SelectMany(c => c))
            {
                events.AddRange(clock.BreachIfDue(limit).Select(t => ToEvent(clock, t, cause: null)));
            }
        }

        return new SlaAdvance(events, open.Values.SelectMany(c => c).Select(c => c.Snapshot()).ToList(), closed) { Orphaned = orphaned };
    }

    private static List<SlaClock> OpenOf(Dictionary<string, List<SlaClock>> open, string recordId)
    {
        if (!open.TryGetValue(recordId, out var list))
        {
            open[recordId] = list = [];
        }

        return list;
    }

    private static IReadOnlyList<SlaTransition> Apply(SlaClock clock, MilestoneInput input)
    {
        var policy = clock.Policy;
        if (!string.Equals(input.ObjectName, clock.ObjectName, StringComparison.OrdinalIgnoreCase))
        {
            return [];
        }

        if (input.IsDeletion || policy.StopRules.Any(r => r.Matches(input)))
        {
            return clock.Stop(input.At);
        }

        if (input.Activity is not null || !string.Equals(input.Field, policy.StateField, StringComparison.OrdinalIgnoreCase))
        {
            return [];
        }

        if (policy.IsPauseState(input.Value))
        {
            return clock.Pause(input.At);
        }

        return policy.IsState(input.Value) ? clock.Resume(input.At) : clock.Stop(input.At);
    }

    /// <summary>A new clock, when the input enters a policy's state and no clock on that state field is open for the record.</summary>
    private (SlaClock Clock, SlaTransition Transition)? StartFor(MilestoneInput input, List<SlaClock> recordClocks, string? leadSource)
    {
        if (input.Activity is not null || input.IsDeletion)
        {
            return null;
        }

        var policy = input.IsCreation
            ? policies.MatchOnCreate(input.ObjectName, input.Market, leadSource)
            : policies.Match(input.ObjectName, input.Market, leadSource, input.Field!, input.Value);
        if (policy is null
            || recordClocks.Any(c => string.Equals(c.Policy.StateField, policy.StateField, StringComparison.OrdinalIgnoreCase))
            || policies.CalendarFor(input.Market) is not { } calendar)
        {
            return null;
        }

        var clock = SlaClock.Start(policy, calendar, input.ObjectName, input.RecordId, input.Market, input.At, out var started);
        return (clock, started);
    }

    private static MilestoneEvent ToEvent(SlaClock clock, SlaTransition transition, MilestoneInput? cause)
    {
        var key = $"{clock.Id}:{KindText(transition.Kind)}:{transition.At.ToUnixTimeMilliseconds()}";
        // A breach belongs to time, not to the write that happened to reveal it.
        var @event = cause is not null && transition.Kind != WorkflowEventType.SlaBreach
            ? MilestoneEvent.CausedBy(cause, key, transition.Kind, transition.At)
            : MilestoneEvent.OnSchedule(key, transition.Kind, clock.ObjectName, clock.RecordId, transition.At, clock.Market, clock.Id);
        return @event with { Market = clock.Market, Sla = transition.Reading };
    }

    private static string KindText(WorkflowEventType kind) => kind switch
    {
        WorkflowEventType.SlaStarted => "started",
        WorkflowEventType.SlaPaused => "paused",
        WorkflowEventType.SlaResumed => "resumed",
        WorkflowEventType.SlaStopped => "stopped",
        _ => "breached",
    };
}
