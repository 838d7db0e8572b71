using CrmSignalWorker.Core.Changes;
using CrmSignalWorker.Core.Sla;

namespace CrmSignalWorker.Core.Milestones;

/// <summary>
/// A workflow event the worker derives itself (an SLA clock transition, an incentive milestone), ready to store.
/// <see cref="Key"/> is its de-duplication key: deriving the same event again yields the same key, so it is stored once.
/// </summary>
/// <param name="CorrelationId">The triggering write's transaction, or the clock's identity for an event nothing wrote.</param>
public sealed record MilestoneEvent(
    string Key,
    WorkflowEventType EventType,
    string ObjectName,
    string RecordId,
    DateTimeOffset OccurredAt,
    string Market,
    string? ActorId,
    ActorKind ActorKind,
    string? Team,
    Channel Channel,
    string CorrelationId)
{
    /// <summary>The clock's state after the transition, for SLA events.</summary>
    public SlaReading? Sla { get; init; }

    /// <summary>The incentive period the event belongs to, for incentive events.</summary>
    public string? PeriodKey { get; init; }

    public DateTimeOffset? PeriodEnd { get; init; }

    /// <summary>An event a write caused: it carries the writer and the write's correlation id.</summary>
    public static MilestoneEvent CausedBy(MilestoneInput input, string key, WorkflowEventType type, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new(key, type, input.ObjectName, input.RecordId, at, input.Market, input.ActorId, input.ActorKind, input.Team, input.Channel, input.CorrelationId);
    }

    /// <summary>An event that time alone caused (a clock ran out, a period's final days began): the worker's own, no writer.</summary>
    public static MilestoneEvent OnSchedule(string key, WorkflowEventType type, string objectName, string recordId, DateTimeOffset at, string market, string correlationId) =>
        new(key, type, objectName, recordId, at, market, null, ActorKind.System, null, Channel.Unknown, correlationId);
}
