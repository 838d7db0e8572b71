namespace CrmSignalWorker.Core.Sla;

/// <summary>
/// How long a record of <see cref="ObjectName"/> may stay in <see cref="State"/> (the value of <see cref="StateField"/>),
/// in business time of its market's calendar. Applies to one market and lead source, or to any when they are null.
/// The clock pauses while the state field holds one of <see cref="PauseStates"/> (legitimate blockers), and stops when
/// the record leaves the state otherwise, is deleted, or meets one of <see cref="StopRules"/>.
/// </summary>
public sealed record SlaPolicy(string Name, string ObjectName, string StateField, string State, TimeSpan Target)
{
    public string? Market { get; init; }

    public string? LeadSource { get; init; }

    public IReadOnlyList<string> PauseStates { get; init; } = [];

    public IReadOnlyList<SlaStopRule> StopRules { get; init; } = [];

    /// <summary>
    /// Whether a new record starts the clock as if it entered <see cref="State"/>: history records a creation but not
    /// the initial values, so a lead created as "Open - Not Contacted" shows no Status write to start from.
    /// </summary>
    public bool StartsOnCreate { get; init; }

    public bool IsPauseState(string? value) => value is not null && PauseStates.Contains(value, StringComparer.Ordinal);

    public bool IsState(string? value) => string.Equals(value, State, StringComparison.Ordinal);

    /// <summary>How specifically the policy names a record: a market counts more than a lead source; -1 when it does not apply.</summary>
    public int Specificity(string objectName, string market, string? leadSource)
    {
        if (!string.Equals(objectName, ObjectName, StringComparison.OrdinalIgnoreCase))
        {
            return -1;
        }

        var score = 0;
        if (Market is not null)
        {
            if (!string.Equals(Market, market, StringComparison.OrdinalIgnoreCase))
            {
                return -1;
            }

            score += 2;
        }

        if (LeadSource is not null)
        {
            if (!string.Equals(LeadSource, leadSource, StringComparison.Ordinal))
            {
                return -1;
            }

            score += 1;
        }

        return score;
    }
}
