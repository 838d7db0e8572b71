using Avro;
using Avro.Generic;
using Avro.IO;

namespace CrmSignalWorker.Simulator.PubSub;

/// <summary>Encodes one event as a single raw Avro binary datum: no container header, no magic byte (facts sheet §1.7).</summary>
internal static class ChangeEventEncoder
{
    public static byte[] Encode(EntitySchema schema, ChangeEventDraft draft)
    {
        var record = new GenericRecord(schema.Avro);
        record.Add(EntitySchema.HeaderField, Header(schema, draft));
        for (var i = 0; i < schema.Fields.Count; i++)
        {
            var field = schema.Fields[i];
            record.Add(field.Name, field.Kind == FieldKind.Compound
                ? Compound(schema.Avro.Fields[i + 1], field, draft.Values)
                : draft.Values.GetValueOrDefault(field.Name));
        }

        using var stream = new MemoryStream();
        var encoder = new BinaryEncoder(stream);
        schema.Writer.Write(record, encoder);
        encoder.Flush();
        return stream.ToArray();
    }

    private static GenericRecord Header(EntitySchema schema, ChangeEventDraft draft)
    {
        var headerSchema = (RecordSchema)schema.Avro.Fields[0].Schema;
        var header = new GenericRecord(headerSchema);
        header.Add("entityName", draft.Entity);
        header.Add("recordIds", draft.RecordIds.ToArray());
        header.Add("changeType", new GenericEnum((EnumSchema)headerSchema["changeType"].Schema, ChangeTypes.Symbol(draft.ChangeType)));
        header.Add("changeOrigin", draft.ChangeOrigin);
        header.Add("transactionKey", draft.TransactionKey);
        header.Add("sequenceNumber", draft.SequenceNumber);
        header.Add("commitTimestamp", draft.CommitTimestamp.ToUnixTimeMilliseconds());
        header.Add("commitNumber", draft.CommitNumber);
        header.Add("commitUser", draft.CommitUser);
        header.Add("nulledFields", Bitmap(schema, draft.NulledFields));
        header.Add("diffFields", Array.Empty<string>());
        header.Add("changedFields", Bitmap(schema, draft.ChangedFields));
        return header;
    }

    private static string[] Bitmap(EntitySchema schema, IReadOnlyList<string> paths) =>
        FieldBitmap.Encode(paths.Select(p => schema.Locate(p).Position));

    /// <summary>Present (with null children) when any child was set or nulled; otherwise the whole compound is null.</summary>
    private static GenericRecord? Compound(Field avroField, EventField field, IReadOnlyDictionary<string, object?> values)
    {
        var prefix = field.Name + ".";
        if (!values.Keys.Any(k => k.StartsWith(prefix, StringComparison.Ordinal)))
        {
            return null;
        }

        var recordSchema = (RecordSchema)((UnionSchema)avroField.Schema).Schemas[1];
        var nested = new GenericRecord(recordSchema);
        foreach (var child in field.Children ?? [])
        {
            nested.Add(child, values.GetValueOrDefault(prefix + child));
        }

        return nested;
    }
}
