namespace CrmSignalWorker.Core.Changes;

/// <summary>A step of the sales workflow derived from a field write (the event schema of the architecture).</summary>
public sealed record WorkflowEvent(
    string SourceKey,
    WorkflowEventType EventType,
    string ObjectName,
    string RecordId,
    DateTimeOffset OccurredAt,
    string? StageBefore,
    string? StageAfter,
    string? OwnerBefore,
    string? OwnerAfter,
    string? ActorId,
    ActorKind ActorKind,
    string? Team,
    Channel Channel,
    string? SlaClockState,
    string? AutomationId,
    string CorrelationId,
    string Market)
{
    private readonly string? _writeKey;

    /// <summary>
    /// Unique per event whatever its source: for an event derived from a write, the write's reconciliation key
    /// (see <see cref="WriteKeys.OfDerivedEvent"/>); otherwise the source key.
    /// </summary>
    public string WriteKey
    {
        get => _writeKey ?? SourceKey;
        init => _writeKey = value;
    }
}
