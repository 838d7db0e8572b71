namespace CrmSignalWorker.Core.Alerts;

/// <summary>The kinds of systemic damage one automation can do.</summary>
public enum DamageKind
{
    Misrouting = 0,
    Duplicates = 1,
    StageCorruption = 2,
}

/// <summary>What one automation or integration client wrote in a window, and how many of those records it damaged.</summary>
public sealed record AutomationImpact(string Automation, DamageKind Damage, int RecordsWritten, int RecordsDamaged, TimeSpan Window);

/// <summary>A configured stop-the-line rule: above this share of damaged records (and at least this many) in the window.</summary>
/// <param name="AutoPause">Pause without waiting for a person; off unless explicitly configured.</param>
public sealed record StopTheLineRule(string Name, DamageKind Damage, decimal MaxShare, int MinRecords, TimeSpan Window, bool AutoPause = false);

/// <summary>A proposal to pause an automation, with its blast radius; people decide unless the rule auto-pauses.</summary>
public sealed record PauseProposal(string Automation, string Rule, DamageKind Damage, int RecordsDamaged, int RecordsWritten, decimal Share, bool AutoPause)
{
    public string AlertKey => $"stop-the-line|{Rule}|{Automation}";
}

/// <summary>
/// Stop-the-line: one automation causing damage above a configured rate within a window is systemic, not a person's
/// slip, and the proposal names it so the on-call person can pause it.
/// </summary>
public static class StopTheLineRules
{
    public static IReadOnlyList<PauseProposal> Evaluate(IReadOnlyList<AutomationImpact> impacts, IReadOnlyList<StopTheLineRule> rules)
    {
        ArgumentNullException.ThrowIfNull(impacts);
        ArgumentNullException.ThrowIfNull(rules);
        var proposals = new List<PauseProposal>();
        foreach (var rule in rules)
        {
            foreach (var impact in impacts.Where(i => i.Damage == rule.Damage && i.Window == rule.Window && i.RecordsWritten > 0))
            {
                var share = decimal.Round((decimal)impact.RecordsDamaged / impact.RecordsWritten, 4);
                if (impact.RecordsDamaged >= rule.MinRecords && share > rule.MaxShare)
                {
                    proposals.Add(new PauseProposal(impact.Automation, rule.Name, rule.Damage, impact.RecordsDamaged, impact.RecordsWritten, share, rule.AutoPause));
                }
            }
        }

        // The worst damage first: that is the one to pause.
        return proposals.OrderByDescending(p => p.RecordsDamaged).ThenBy(p => p.Automation, StringComparer.Ordinal).ThenBy(p => p.Rule, StringComparer.Ordinal).ToList();
    }
}
