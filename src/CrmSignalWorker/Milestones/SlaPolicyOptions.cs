using CrmSignalWorker.Core.Sla;

namespace CrmSignalWorker.Milestones;

/// <summary>One entry of <c>SlaClocks:Policies</c>; see <see cref="SlaPolicy"/>.</summary>
public sealed class SlaPolicyOptions
{
    /// <summary>Unique; names the policy in events, keys and metrics.</summary>
    public string Name { get; set; } = "";

    /// <summary>The Salesforce object, e.g. Lead.</summary>
    public string ObjectName { get; set; } = "";

    /// <summary>The record's market it applies to; any market when empty.</summary>
    public string? Market { get; set; }

    /// <summary>The record's lead source it applies to; any when empty.</summary>
    public string? LeadSource { get; set; }

    public string StateField { get; set; } = "Status";

    /// <summary>The value of <see cref="StateField"/> the clock measures, e.g. "Open - Not Contacted".</summary>
    public string State { get; set; } = "";

    /// <summary>Business time the record may stay in the state.</summary>
    public TimeSpan Target { get; set; }

    /// <summary>Values of <see cref="StateField"/> that pause the clock (legitimate blockers).</summary>
    public List<string> PauseStates { get; set; } = [];

    public List<SlaStopRuleOptions> StopWhen { get; set; } = [];

    /// <summary>Start the clock when a record is created, as if it entered <see cref="State"/>.</summary>
    public bool StartsOnCreate { get; set; }

    public SlaPolicy ToPolicy() => new(Name, ObjectName, StateField, State, Target)
    {
        Market = string.IsNullOrWhiteSpace(Market) ? null : Market,
        LeadSource = string.IsNullOrWhiteSpace(LeadSource) ? null : LeadSource,
        PauseStates = PauseStates,
        StopRules = StopWhen.Select(r => r.ToRule()).ToList(),
        StartsOnCreate = StartsOnCreate,
    };
}
