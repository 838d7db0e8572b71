namespace CrmSignalWorker.Simulator.PubSub;

/// <summary>Anything the bus carries before it gets a replay id: a change event or a platform event.</summary>
internal interface IBusDraft
{
    /// <summary>What the topics filter on: the entity of a change event, or the platform event's API name.</summary>
    string Entity { get; }

    /// <summary>The commit time retention is measured from.</summary>
    DateTimeOffset CommitTimestamp { get; }
}
