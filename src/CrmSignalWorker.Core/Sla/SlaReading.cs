namespace CrmSignalWorker.Core.Sla;

/// <summary>What an SLA clock showed at one of its events: its state and the business time used and left.</summary>
/// <param name="DueAt">When the clock breaches if nothing pauses or stops it; null while paused, stopped or already breached.</param>
public sealed record SlaReading(string Policy, SlaClockState State, TimeSpan Elapsed, TimeSpan Remaining, DateTimeOffset? DueAt);
