namespace CrmSignalWorker.Core.Alerts;

public enum AlertStatus
{
    Firing = 0,
    Acknowledged = 1,
    Resolved = 2,
}

/// <summary>An incident as people see it: one per dedup key while it lasts, updated in place as it changes.</summary>
public sealed record Alert(
    string Key,
    string Signal,
    string Segment,
    string? Automation,
    AlertSeverity Severity,
    AlertStatus Status,
    decimal Value,
    decimal Threshold,
    IReadOnlyList<string> RecordIds,
    DateTimeOffset OpenedAt,
    DateTimeOffset LastSeenAt,
    DateTimeOffset? LastNotifiedAt,
    int Notifications,
    DateTimeOffset? ResolvedAt,
    string? SilencedBy)
{
    public bool IsOpen => Status != AlertStatus.Resolved;
}

/// <summary>A person's decision to hear nothing about matching alerts until it expires; null parts match anything.</summary>
public sealed record Silence(
    string Id,
    string? Signal,
    string? Segment,
    string? Automation,
    string Author,
    string Reason,
    DateTimeOffset StartsAt,
    DateTimeOffset ExpiresAt)
{
    public bool IsActiveAt(DateTimeOffset now) => StartsAt <= now && now < ExpiresAt;

    public bool Matches(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return (Signal is null || Signal == alert.Signal)
            && (Segment is null || Segment == alert.Segment)
            && (Automation is null || Automation == alert.Automation);
    }
}
