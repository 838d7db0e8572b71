namespace CrmSignalWorker.Simulator.PubSub;

/// <summary>What the org has put on its bus, for tests to compare a subscriber's view against (the payload is not repeated).</summary>
/// <param name="ReplayId">The 8-byte big-endian replay id, as sent on the wire.</param>
public sealed record PublishedChangeEvent(
    byte[] ReplayId,
    string EventId,
    string SchemaId,
    string Entity,
    ChangeType ChangeType,
    IReadOnlyList<string> RecordIds,
    string ChangeOrigin,
    string TransactionKey,
    int SequenceNumber,
    DateTimeOffset CommitTimestamp,
    long CommitNumber,
    string CommitUser)
{
    /// <summary>The payload was cut short on purpose and does not decode against its schema.</summary>
    public bool IsMalformed { get; init; }
}

/// <summary>A <c>Workflow_Event__e</c> the org has put on its bus.</summary>
/// <param name="ReplayId">The 8-byte big-endian replay id, as sent on the wire.</param>
public sealed record PublishedWorkflowEvent(byte[] ReplayId, string EventId, string SchemaId, SimWorkflowEvent Event)
{
    /// <summary>The payload was cut short on purpose and does not decode against its schema.</summary>
    public bool IsMalformed { get; init; }
}
