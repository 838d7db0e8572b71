using CrmSignalWorker.Core.Calendars;

namespace CrmSignalWorker.Core.Sla;

/// <summary>
/// The configured SLA policies and the market calendars they are measured in. Picks the policy for a record entering a
/// state: among those for its object, state field and state that apply to its market and lead source, the most specific
/// (a named market before a named lead source before neither), and among equals the first configured.
/// </summary>
public sealed class SlaPolicySet
{
    private readonly Dictionary<string, SlaPolicy> _byName;
    private readonly Dictionary<string, BusinessCalendar> _calendars;

    /// <param name="marketCalendars">Calendar per market name (case-insensitive).</param>
    /// <param name="defaultCalendar">The calendar of markets without their own; null when every market has one.</param>
    public SlaPolicySet(IReadOnlyList<SlaPolicy> policies, IReadOnlyDictionary<string, BusinessCalendar> marketCalendars, BusinessCalendar? defaultCalendar)
    {
        ArgumentNullException.ThrowIfNull(policies);
        ArgumentNullException.ThrowIfNull(marketCalendars);
        Policies = policies;
        _byName = policies.ToDictionary(p => p.Name, StringComparer.Ordinal);
        _calendars = new Dictionary<string, BusinessCalendar>(marketCalendars, StringComparer.OrdinalIgnoreCase);
        DefaultCalendar = defaultCalendar;
    }

    public IReadOnlyList<SlaPolicy> Policies { get; }

    public BusinessCalendar? DefaultCalendar { get; }

    /// <summary>Objects any policy watches.</summary>
    public IReadOnlySet<string> Objects => Policies.Select(p => p.ObjectName).ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Fields whose writes can move a clock: state fields and stop-rule fields, plus creation and deletion.</summary>
    public IReadOnlySet<string> Fields => Policies
        .SelectMany(p => p.StopRules.Where(r => r.Field is not null).Select(r => r.Field!).Append(p.StateField))
        .Append(Milestones.MilestoneInput.CreatedField)
        .Append(Milestones.MilestoneInput.DeletedField)
        .ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Workflow step types a stop rule waits for.</summary>
    public IReadOnlySet<Changes.WorkflowEventType> Activities => Policies
        .SelectMany(p => p.StopRules.Where(r => r.Activity is not null).Select(r => r.Activity!.Value))
        .ToHashSet();

    public SlaPolicy? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>The policy whose clock starts when a record's <paramref name="stateField"/> becomes <paramref name="state"/>, or null.</summary>
    public SlaPolicy? Match(string objectName, string market, string? leadSource, string stateField, string? state) => Best(
        Policies.Where(p => string.Equals(p.StateField, stateField, StringComparison.OrdinalIgnoreCase) && p.IsState(state)), objectName, market, leadSource);

    /// <summary>The policy whose clock starts when a record is created, or null.</summary>
    public SlaPolicy? MatchOnCreate(string objectName, string market, string? leadSource) =>
        Best(Policies.Where(p => p.StartsOnCreate), objectName, market, leadSource);

    /// <summary>The market's calendar, else the default one; null when neither exists (the policy cannot be measured).</summary>
    public BusinessCalendar? CalendarFor(string market) => _calendars.GetValueOrDefault(market) ?? DefaultCalendar;

    private SlaPolicy? Best(IEnumerable<SlaPolicy> candidates, string objectName, string market, string? leadSource)
    {
        SlaPolicy? best = null;
        var bestScore = -1;
        foreach (var policy in candidates)
        {
            var score = policy.Specificity(objectName, market, leadSource);
            if (score > bestScore && CalendarFor(market) is not null)
            {
                (best, bestScore) = (policy, score);
            }
        }

        return best;
    }
}
