namespace CrmSignalWorker.Simulator.PubSub;

/// <summary>A change event before the bus gives it a replay id and encodes it.</summary>
/// <param name="Values">Field path (<c>Amount</c>, <c>Name.FirstName</c>) to Avro value; absent fields are null in the payload.</param>
/// <param name="ChangedFields">Field paths for the changedFields bitmap (UPDATE only).</param>
/// <param name="NulledFields">Field paths set to null, for the nulledFields bitmap.</param>
internal sealed record ChangeEventDraft(
    string Entity,
    IReadOnlyList<string> RecordIds,
    ChangeType ChangeType,
    IReadOnlyDictionary<string, object?> Values,
    IReadOnlyList<string> ChangedFields,
    IReadOnlyList<string> NulledFields,
    string ChangeOrigin,
    string TransactionKey,
    int SequenceNumber,
    DateTimeOffset CommitTimestamp,
    long CommitNumber,
    string CommitUser) : IBusDraft;
