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
    string CommitUser);
