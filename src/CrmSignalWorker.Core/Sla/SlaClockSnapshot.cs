namespace CrmSignalWorker.Core.Sla;

/// <summary>A clock as stored between runs.</summary>
/// <param name="Elapsed">Business time accrued up to <paramref name="Since"/>.</param>
/// <param name="Since">The last transition: while running, the start of the stretch not yet added to <paramref name="Elapsed"/>.</param>
/// <param name="BreachedAt">The instant the target was used up, once the breach was emitted.</param>
/// <param name="DueAt">When a running, unbreached clock breaches if nothing happens; what the breach scan looks for.</param>
public sealed record SlaClockSnapshot(
    string Policy,
    string ObjectName,
    string RecordId,
    string Market,
    DateTimeOffset StartedAt,
    SlaClockStatus Status,
    TimeSpan Elapsed,
    DateTimeOffset Since,
    DateTimeOffset? BreachedAt,
    DateTimeOffset? DueAt);
