namespace CrmSignalWorker.Core.Alerts;

/// <summary>A signal over its threshold for one segment, and the automation or client behind it when one stands out.</summary>
/// <param name="Automation">The Flow, rule or integration client the offending writes share; null when none dominates.</param>
/// <param name="RecordIds">The offending records: what the alert lets a person drill into.</param>
public sealed record Finding(
    string Signal,
    string Segment,
    string? Automation,
    AlertSeverity Severity,
    decimal Value,
    decimal Threshold,
    IReadOnlyList<string> RecordIds)
{
    /// <summary>One alert per signal, segment and automation: repeats of the same finding update it.</summary>
    public string DedupKey => AlertKeys.Of(Signal, Segment, Automation);
}

/// <summary>One run of the signal engine: which scopes it looked at, and what breached.</summary>
/// <param name="Evaluated">Every (signal, segment) the run evaluated; an open alert in one of them with no finding has fallen back.</param>
public sealed record Evaluation(IReadOnlySet<(string Signal, string Segment)> Evaluated, IReadOnlyList<Finding> Findings);

public static class AlertKeys
{
    public static string Of(string signal, string segment, string? automation) => $"{signal}|{segment}|{automation ?? "*"}";
}
