namespace CrmSignalWorker.Simulator.PubSub;

/// <summary>An event on the bus: its replay id, the schema version it was encoded with, and the raw Avro payload.</summary>
internal sealed record BusEvent(ulong ReplayId, string EventId, string SchemaId, byte[] Payload, ChangeEventDraft Draft)
{
    public string Entity => Draft.Entity;

    public DateTimeOffset CommitTimestamp => Draft.CommitTimestamp;

    public PublishedChangeEvent ToPublished() => new(
        ReplayIds.ToBytes(ReplayId), EventId, SchemaId, Draft.Entity, Draft.ChangeType, Draft.RecordIds, Draft.ChangeOrigin,
        Draft.TransactionKey, Draft.SequenceNumber, Draft.CommitTimestamp, Draft.CommitNumber, Draft.CommitUser);
}

/// <summary>What a subscriber may be sent now: events, or (when a keep-alive is due and none are) a bus position.</summary>
internal sealed record BusRead(IReadOnlyList<BusEvent> Events, ulong? KeepAliveReplayId);

internal enum ReplayCheck
{
    Valid,
    Unknown,
    Expired,
}
