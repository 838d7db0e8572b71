using CrmSignalWorker.Core.Changes;

namespace CrmSignalWorker.Core.Milestones;

/// <summary>
/// A stored write or workflow step that may move an SLA clock or a commit milestone: either a field write
/// (<see cref="Field"/> and the value written) or a workflow step (<see cref="Activity"/>), with who made it.
/// </summary>
/// <param name="Market">The record's market (the synced record's, else the one stamped at ingest).</param>
/// <param name="Sequence">Orders inputs of the same instant the way they were stored.</param>
public sealed record MilestoneInput(
    string ObjectName,
    string RecordId,
    DateTimeOffset At,
    string Market,
    string? Field,
    string? Value,
    WorkflowEventType? Activity,
    string? ActorId,
    ActorKind ActorKind,
    string? Team,
    Channel Channel,
    string CorrelationId,
    long Sequence = 0)
{
    /// <summary>The field name both sources store for a record's creation (history's "created" row, a CDC CREATE).</summary>
    public const string CreatedField = "created";

    /// <summary>The field name both sources store for a record's deletion.</summary>
    public const string DeletedField = "deleted";

    public bool IsCreation => Activity is null && string.Equals(Field, CreatedField, StringComparison.Ordinal);

    public bool IsDeletion => Activity is null && string.Equals(Field, DeletedField, StringComparison.Ordinal);

    /// <summary>Time order; same-instant inputs keep their stored order, writes before workflow steps.</summary>
    public static IComparer<MilestoneInput> TimeOrder { get; } = Comparer<MilestoneInput>.Create((a, b) =>
    {
        var byTime = a.At.CompareTo(b.At);
        if (byTime != 0)
        {
            return byTime;
        }

        var byKind = (a.Activity is null ? 0 : 1).CompareTo(b.Activity is null ? 0 : 1);
        return byKind != 0 ? byKind : a.Sequence.CompareTo(b.Sequence);
    });
}
