using System.Collections;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Avro;
using Avro.Generic;
using Avro.IO;
using CrmSignalWorker.Core.Changes;
using CrmSignalWorker.Salesforce.PubSub.Protocol;

namespace CrmSignalWorker.Salesforce.PubSub;

/// <summary>
/// Decodes a Pub/Sub CDC event: the payload is one raw Avro datum (no container header) written with the event's
/// schema. The header is field 0; its field lists are bitmaps (<see cref="FieldBitmap"/>); only the changed and
/// nulled fields' values are kept, as invariant text (<see cref="AvroText"/>).
/// </summary>
public sealed class ChangeEventDecoder
{
    private const string HeaderFieldName = "ChangeEventHeader";

    // Building a reader resolves the schema once; keyed by the schema instance the cache holds.
    private readonly ConditionalWeakTable<RecordSchema, GenericDatumReader<GenericRecord>> _readers = [];

    /// <exception cref="ChangeEventDecodingException">The payload does not match the schema or is not a change event.</exception>
    public ChangeEvent Decode(ConsumerEvent consumerEvent, string topic, RecordSchema schema)
    {
        ArgumentNullException.ThrowIfNull(consumerEvent);
        ArgumentNullException.ThrowIfNull(schema);
        var producerEvent = consumerEvent.Event ?? new ProducerEvent();
        var replayId = consumerEvent.ReplayId.ToByteArray();
        try
        {
            var record = Read(producerEvent.Payload.Memory, schema);
            var header = ReadHeader(record, schema);
            var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var path in header.ChangedFields)
            {
                fields[path] = ValueOf(record, path);
            }

            foreach (var path in header.NulledFields)
            {
                fields[path] = null;
            }

            return new ChangeEvent(producerEvent.Id, replayId, producerEvent.SchemaId, topic, header, fields);
        }
        catch (Exception ex) when (ex is AvroException or FormatException or InvalidCastException or OverflowException
            or EndOfStreamException or IOException or ArgumentException or IndexOutOfRangeException or KeyNotFoundException)
        {
            throw new ChangeEventDecodingException(topic, producerEvent.Id, producerEvent.SchemaId, replayId, ex.Message, ex);
        }
    }

    private GenericRecord Read(ReadOnlyMemory<byte> payload, RecordSchema schema)
    {
        var reader = _readers.GetValue(schema, static s => new GenericDatumReader<GenericRecord>(s, s));
        // A received ByteString is backed by an array: read it in place rather than copy every payload.
        using var stream = MemoryMarshal.TryGetArray(payload, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(payload.ToArray(), writable: false);
        var record = reader.Read(null!, new BinaryDecoder(stream));
        if (stream.Position != stream.Length)
        {
            throw new FormatException($"{stream.Length - stream.Position} bytes remain after the {schema.Name} record; the payload was written with another schema.");
        }

        return record;
    }

    private static ChangeEventHeader ReadHeader(GenericRecord record, RecordSchema schema)
    {
        if (schema.Count == 0 || record.GetValue(0) is not GenericRecord header)
        {
            throw new FormatException($"Field 0 of {schema.Name} is not a {HeaderFieldName} record.");
        }

        return new ChangeEventHeader(
            EntityName: Text(header, "entityName") ?? throw new FormatException("The header has no entityName."),
            RecordIds: Strings(header, "recordIds"),
            ChangeType: Text(header, "changeType") ?? throw new FormatException("The header has no changeType."),
            ChangeOrigin: Text(header, "changeOrigin") ?? "",
            TransactionKey: Text(header, "transactionKey") ?? "",
            SequenceNumber: (int)Number(header, "sequenceNumber"),
            CommitTimestamp: Instant(header, "commitTimestamp"),
            CommitNumber: Number(header, "commitNumber"),
            CommitUser: Text(header, "commitUser") ?? "",
            ChangedFields: FieldBitmap.Decode(Strings(header, "changedFields"), schema),
            NulledFields: FieldBitmap.Decode(Strings(header, "nulledFields"), schema),
            DiffFields: FieldBitmap.Decode(Strings(header, "diffFields"), schema));
    }

    /// <summary>The text of a top-level field or a compound child (<c>BillingAddress.Street</c>).</summary>
    private static string? ValueOf(GenericRecord record, string path)
    {
        var dot = path.IndexOf('.', StringComparison.Ordinal);
        var name = dot < 0 ? path : path[..dot];
        if (!record.Schema.TryGetField(name, out var field) || !record.TryGetValue(name, out var value))
        {
            // A plain name from a non-bitmap list that the schema lacks: nothing to read.
            return null;
        }

        if (dot < 0)
        {
            return AvroText.Format(field, value);
        }

        return value is GenericRecord compound ? ValueOf(compound, path[(dot + 1)..]) : null;
    }

    private static string? Text(GenericRecord header, string name) =>
        header.TryGetValue(name, out var value) ? value switch
        {
            null => null,
            string text => text,
            GenericEnum symbol => symbol.Value,
            _ => Convert.ToString(value, CultureInfo.InvariantCulture),
        } : null;

    private static long Number(GenericRecord header, string name) =>
        header.TryGetValue(name, out var value) && value is not null ? Convert.ToInt64(value, CultureInfo.InvariantCulture) : 0;

    private static DateTimeOffset Instant(GenericRecord header, string name) =>
        header.TryGetValue(name, out var value) ? value switch
        {
            DateTime instant => new DateTimeOffset(DateTime.SpecifyKind(instant, DateTimeKind.Utc)),
            null => throw new FormatException($"The header has no {name}."),
            _ => DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(value, CultureInfo.InvariantCulture)),
        } : throw new FormatException($"The header has no {name}.");

    private static List<string> Strings(GenericRecord header, string name) =>
        header.TryGetValue(name, out var value) && value is IEnumerable items and not string
            ? items.Cast<object?>().Select(item => Convert.ToString(item, CultureInfo.InvariantCulture)).OfType<string>().ToList()
            : [];
}
