namespace CrmSignalWorker.Simulator.PubSub;

/// <summary>An event on the bus: its replay id, the schema version it was encoded with, and the raw Avro payload.</summary>
/// <param name="IsMalformed">The payload was cut short on purpose (<see cref="PubSubFaults.CorruptNextEvents"/>).</param>
internal sealed record BusEvent(ulong ReplayId, string EventId, string SchemaId, byte[] Payload, IBusDraft Draft, bool IsMalformed)
{
    public string Entity => Draft.Entity;

    public DateTimeOffset CommitTimestamp => Draft.CommitTimestamp;

    /// <summary>The test-facing view of a change event; null for a platform event.</summary>
    public PublishedChangeEvent? ToPublishedChange() => Draft is ChangeEventDraft change
        ? new PublishedChangeEvent(
            ReplayIds.ToBytes(ReplayId), EventId, SchemaId, change.Entity, change.ChangeType, change.RecordIds, change.ChangeOrigin,
            change.TransactionKey, change.SequenceNumber, change.CommitTimestamp, change.CommitNumber, change.CommitUser)
        {
            IsMalformed = IsMalformed,
        }
        : null;

    /// <summary>The test-facing view of a <c>Workflow_Event__e</c>; null for a change event.</summary>
    public PublishedWorkflowEvent? ToPublishedWorkflowEvent() => Draft is WorkflowEventDraft workflow
        ? new PublishedWorkflowEvent(ReplayIds.ToBytes(ReplayId), EventId, SchemaId, workflow.Event) { IsMalformed = IsMalformed }
        : null;
}

/// <summary>What a subscriber may be sent now: events, or (when a keep-alive is due and none are) a bus position.</summary>
internal sealed record BusRead(IReadOnlyList<BusEvent> Events, ulong? KeepAliveReplayId);

internal enum ReplayCheck
{
    Valid,
    Unknown,
    Expired,
}
