using CrmSignalWorker.Salesforce.PubSub;

namespace CrmSignalWorker.Sources;

/// <summary>
/// When a change stream commits what it has received: once a batch holds <c>PubSub:CommitMaxEvents</c> events, or once
/// its first event has waited <c>PubSub:CommitLinger</c>, whichever comes first. A batch never holds more than the
/// maximum: a part that would overflow it goes into the next one.
/// </summary>
public sealed class CommitBatchPolicy
{
    public CommitBatchPolicy(int maxEvents, TimeSpan linger)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxEvents);
        ArgumentOutOfRangeException.ThrowIfLessThan(linger, TimeSpan.Zero);
        MaxEvents = maxEvents;
        Linger = linger;
    }

    public static CommitBatchPolicy From(PubSubOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new CommitBatchPolicy(options.CommitMaxEvents, options.CommitLinger);
    }

    public int MaxEvents { get; }

    public TimeSpan Linger { get; }

    /// <summary>Most events a receiver puts in one part: a response (at most the flow-control window), cut to fit a batch.</summary>
    public int PartEvents(int batchSize) => Math.Min(batchSize, MaxEvents);

    /// <summary>Whether the batch must be committed before a part of <paramref name="partEvents"/> events joins it.</summary>
    public bool MustCommitBefore(int batchedEvents, int partEvents) => batchedEvents > 0 && batchedEvents + partEvents > MaxEvents;

    public bool IsFull(int batchedEvents) => batchedEvents >= MaxEvents;

    /// <summary>When a batch whose first event was ready at <paramref name="firstReadyAt"/> is committed at the latest.</summary>
    public DateTimeOffset DueAt(DateTimeOffset firstReadyAt) => firstReadyAt + Linger;
}
