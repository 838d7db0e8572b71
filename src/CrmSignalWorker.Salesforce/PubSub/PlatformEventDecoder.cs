using System.Runtime.CompilerServices;
using Avro;
using Avro.Generic;
using Avro.IO;
using CrmSignalWorker.Core.Changes;
using CrmSignalWorker.Salesforce.PubSub.Protocol;

namespace CrmSignalWorker.Salesforce.PubSub;

/// <summary>
/// Decodes a platform event: one raw Avro datum with the standard CreatedDate (epoch milliseconds) and CreatedById,
/// then the event's own fields, all kept as invariant text.
/// </summary>
public sealed class PlatformEventDecoder
{
    // Building a reader resolves the schema once; keyed by the schema instance the cache holds.
    private readonly ConditionalWeakTable<RecordSchema, GenericDatumReader<GenericRecord>> _readers = [];

    /// <exception cref="ChangeEventDecodingException">The payload does not match the schema or lacks CreatedDate / CreatedById.</exception>
    public PlatformEvent Decode(ConsumerEvent consumerEvent, string topic, RecordSchema schema)
    {
        ArgumentNullException.ThrowIfNull(consumerEvent);
        ArgumentNullException.ThrowIfNull(schema);
        var producerEvent = consumerEvent.Event ?? new ProducerEvent();
        var replayId = consumerEvent.ReplayId.ToByteArray();
        try
        {
            using var stream = new MemoryStream(producerEvent.Payload.ToByteArray(), writable: false);
            var reader = _readers.GetValue(schema, static s => new GenericDatumReader<GenericRecord>(s, s));
            var record = reader.Read(null!, new BinaryDecoder(stream));
            if (stream.Position != stream.Length)
            {
                throw new FormatException($"{stream.Length - stream.Position} bytes remain after the {schema.Name} record; the payload was written with another schema.");
            }

            var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var field in schema.Fields)
            {
                fields[field.Name] = record.TryGetValue(field.Name, out var value) ? AvroText.Format(field, value) : null;
            }

            var createdDate = record.TryGetValue("CreatedDate", out var created) && created is long millis
                ? DateTimeOffset.FromUnixTimeMilliseconds(millis)
                : throw new FormatException("The event has no CreatedDate (epoch milliseconds).");
            var createdById = fields.GetValueOrDefault("CreatedById") is { Length: > 0 } id
                ? id
                : throw new FormatException("The event has no CreatedById.");
            return new PlatformEvent(producerEvent.Id, replayId, producerEvent.SchemaId, topic, createdDate, createdById, fields);
        }
        catch (Exception ex) when (ex is AvroException or FormatException or InvalidCastException or OverflowException
            or EndOfStreamException or IOException or ArgumentException or IndexOutOfRangeException)
        {
            throw new ChangeEventDecodingException(topic, producerEvent.Id, producerEvent.SchemaId, replayId, ex.Message, ex);
        }
    }
}
