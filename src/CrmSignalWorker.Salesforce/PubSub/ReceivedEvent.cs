using Avro;
using CrmSignalWorker.Salesforce.PubSub.Protocol;

namespace CrmSignalWorker.Salesforce.PubSub;

/// <summary>
/// One event as the Pub/Sub API delivered it, with the schema it was written with, not yet decoded: the caller
/// decides how to read it (a change event, a platform event) and quarantines what it cannot read.
/// </summary>
/// <param name="Schema">Null when the schema could not be had; <see cref="SchemaError"/> says why.</param>
/// <param name="EndsResponse">The last event of its FetchResponse: a natural point to commit what was read.</param>
public sealed record ReceivedEvent(string Topic, ConsumerEvent Event, RecordSchema? Schema, string? SchemaError, bool EndsResponse)
{
    public string EventId => Event.Event?.Id ?? "";

    public string SchemaId => Event.Event?.SchemaId ?? "";

    public byte[] ReplayId => Event.ReplayId.ToByteArray();

    public ReadOnlyMemory<byte> Payload => Event.Event?.Payload.Memory ?? ReadOnlyMemory<byte>.Empty;
}
