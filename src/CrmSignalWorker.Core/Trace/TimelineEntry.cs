namespace CrmSignalWorker.Core.Trace;

/// <summary>
/// One line of a record's timeline: a field write or a workflow event, with who made it and how. Values are the
/// stored vocabulary (actor kind <c>human</c>, channel <c>api</c>, …). Fields of the other kind stay null.
/// </summary>
/// <param name="Id">The row's id in its table; with <see cref="Kind"/>, unique.</param>
/// <param name="Source">Where a field write came from (<c>cdc</c>, <c>history</c>); null for workflow events.</param>
public sealed record TimelineEntry(
    TimelineEntryKind Kind,
    long Id,
    DateTimeOffset At,
    string ObjectName,
    string? ActorId,
    string ActorKind,
    string? Team,
    string Channel,
    string? ClientName,
    string CorrelationId,
    string? AutomationId,
    string Market)
{
    public string? Source { get; init; }

    public string? Field { get; init; }

    public string? OldValue { get; init; }

    public string? NewValue { get; init; }

    public string? EventType { get; init; }

    public string? StageBefore { get; init; }

    public string? StageAfter { get; init; }

    public string? OwnerBefore { get; init; }

    public string? OwnerAfter { get; init; }

    public string? SlaClockState { get; init; }
}
