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
    /// <summary>The same write from another source has the same key; see <see cref="WriteKeys"/>.</summary>
    public string WriteKey => WriteKeys.Of(ObjectName, RecordId, Field, ActorId, ChangedAt, NewValue);
}
