namespace CrmSignalWorker.Core.Changes;

/// <summary>
/// One decoded Change Data Capture event as received from the Pub/Sub API.
/// </summary>
/// <param name="EventId">The event's id (a UUID string).</param>
/// <param name="ReplayId">Opaque position in the stream, kept as received; resume after it with a CUSTOM subscription.</param>
/// <param name="SchemaId">The Avro schema the payload was written with.</param>
/// <param name="Topic">The channel it came from, e.g. <c>/data/OpportunityChangeEvent</c>.</param>
/// <param name="Fields">Values of the changed and nulled fields only, keyed like <see cref="ChangeEventHeader.ChangedFields"/>,
/// as invariant text: dates <c>yyyy-MM-dd</c>, datetimes ISO-8601 UTC, numbers invariant, strings as is; null for nulled fields.</param>
public sealed record ChangeEvent(
    string EventId,
    byte[] ReplayId,
    string SchemaId,
    string Topic,
    ChangeEventHeader Header,
    IReadOnlyDictionary<string, string?> Fields)
{
    /// <summary>A GAP_* event (including GAP_OVERFLOW): header only, the caller must re-read the records (or the entity).</summary>
    public bool IsGap => Header.ChangeType.StartsWith(ChangeEventTypes.GapPrefix, StringComparison.Ordinal);

    /// <summary>GAP_OVERFLOW: no record ids; the whole entity must be resynced from just before the commit timestamp.</summary>
    public bool IsOverflow => Header.ChangeType == ChangeEventTypes.GapOverflow;
}
