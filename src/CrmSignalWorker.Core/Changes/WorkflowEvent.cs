using CrmSignalWorker.Core.Workflow;

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

    /// <summary>How firmly <see cref="Channel"/> is settled; null when no rule settled it.</summary>
    public AttributionConfidence? Confidence { get; init; }

    /// <summary>What settled the channel, e.g. <c>Workflow_Event__e automation=Lead_Routing_Flow</c>.</summary>
    public string? Evidence { get; init; }

    /// <summary>For a stage change: which way it moved along the configured stage order.</summary>
    public StageDirection? StageDirection { get; init; }

    /// <summary>For a stage change that skipped stages: how many open stages it passed over.</summary>
    public int? StagesSkipped { get; init; }

    /// <summary>For a handoff: user or queue on either side.</summary>
    public HandoffKind? HandoffKind { get; init; }

    /// <summary>For a merge: the other record (the merged-away one on the survivor's event), when known.</summary>
    public string? RelatedRecordId { get; init; }

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
