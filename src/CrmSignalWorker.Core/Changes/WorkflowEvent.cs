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
    string Market);
