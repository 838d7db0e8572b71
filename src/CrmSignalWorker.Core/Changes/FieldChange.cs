namespace CrmSignalWorker.Core.Changes;

/// <summary>One write to one field of one record, with who made it and how.</summary>
/// <param name="SourceKey">Unique per source row; re-ingesting the same row is a no-op.</param>
public sealed record FieldChange(
    string SourceKey,
    ChangeSource Source,
    string ObjectName,
    string RecordId,
    string Field,
    string? OldValue,
    string? NewValue,
    DateTimeOffset ChangedAt,
    string? ActorId,
    ActorKind ActorKind,
    string? Team,
    Channel Channel,
    string? ClientName,
    string CorrelationId,
    string Market)
{
    /// <summary>How firmly <see cref="Channel"/> is settled; null when no rule settled it.</summary>
    public AttributionConfidence? Confidence { get; init; }

    /// <summary>What settled the channel (or why nothing did), e.g. <c>changeOrigin client=MarketoSync (integration Marketo)</c>.</summary>
    public string? Evidence { get; init; }

    /// <summary>The configured integration the API client id names, or null.</summary>
    public string? IntegrationName { get; init; }

    /// <summary>The Flow or Apex automation that made the write, when a <c>Workflow_Event__e</c> of its transaction named it.</summary>
    public string? AutomationId { get; init; }

    /// <summary>The same write from another source has the same key; see <see cref="WriteKeys"/>.</summary>
    public string WriteKey => WriteKeys.Of(ObjectName, RecordId, Field, ActorId, ChangedAt, NewValue);
}
