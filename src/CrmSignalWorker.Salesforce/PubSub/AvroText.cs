using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Avro;
using Avro.Generic;

namespace CrmSignalWorker.Salesforce.PubSub;

/// <summary>
/// Renders Avro field values as invariant text: dates <c>yyyy-MM-dd</c>, datetimes ISO-8601 UTC with milliseconds,
/// numbers invariant, strings as is, compound values as a JSON object. Salesforce sends dates and datetimes as
/// epoch-millisecond longs and names the field type in the field's doc (<c>CreatedDate:DateTime</c>,
/// <c>Data:DateOnly:00N…</c>, as its published event schemas show); Avro logical types (<c>date</c>,
/// <c>timestamp-millis</c>) are honoured too. A long without either is a number.
/// </summary>
internal static class AvroText
{
    private const string DateFormat = "yyyy-MM-dd";
    private const string DateTimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    private enum Temporal
    {
        None,
        Date,
        DateTime,
    }

    public static string? Format(Field field, object? value) => Format(TemporalOf(field), value);

    private static string? Format(Temporal temporal, object? value) => value switch
    {
        null => null,
        string text => text,
        bool flag => flag ? "true" : "false",
        long number when temporal != Temporal.None => FormatInstant(DateTimeOffset.FromUnixTimeMilliseconds(number).UtcDateTime, temporal),
        DateTime instant => FormatInstant(instant, temporal),
        double number => number.ToString(CultureInfo.InvariantCulture),
        float number => number.ToString(CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        GenericEnum symbol => symbol.Value,
        byte[] bytes => Convert.ToBase64String(bytes),
        GenericFixed fixedBytes => Convert.ToBase64String(fixedBytes.Value),
        GenericRecord or IDictionary or IEnumerable => ToJson(value),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    private static string FormatInstant(DateTime instant, Temporal temporal)
    {
        var utc = instant.Kind == DateTimeKind.Local ? instant.ToUniversalTime() : DateTime.SpecifyKind(instant, DateTimeKind.Utc);
        return utc.ToString(temporal == Temporal.Date ? DateFormat : DateTimeFormat, CultureInfo.InvariantCulture);
    }

    private static Temporal TemporalOf(Field field)
    {
        var schema = field.Schema is UnionSchema union
            ? union.Schemas.FirstOrDefault(branch => branch.Tag != Schema.Type.Null) ?? field.Schema
            : field.Schema;
        if (schema is LogicalSchema logical)
        {
            if (logical.LogicalTypeName == "date")
            {
                return Temporal.Date;
            }

            if (logical.LogicalTypeName.StartsWith("timestamp", StringComparison.Ordinal))
            {
                return Temporal.DateTime;
            }
        }

        var doc = field.Documentation;
        if (string.IsNullOrEmpty(doc))
        {
            return Temporal.None;
        }

        // Salesforce writes "<category>:<type>[:<field id>]", e.g. "CreatedDate:DateTime" or "Data:DateOnly:00N5e00000AbCdE".
        var parts = doc.Split(':', StringSplitOptions.TrimEntries);
        return parts.Length < 2 ? Temporal.None : parts[1] switch
        {
            "DateOnly" or "Date" => Temporal.Date,
            "DateTime" => Temporal.DateTime,
            _ => Temporal.None,
        };
    }

    private static string ToJson(object value)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, value, null);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Write(Utf8JsonWriter writer, object? value, Field? field)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case GenericRecord record:
                writer.WriteStartObject();
                foreach (var child in record.Schema.Fields)
                {
                    if (record.TryGetValue(child.Name, out var childValue) && childValue is not null)
                    {
                        writer.WritePropertyName(child.Name);
                        Write(writer, childValue, child);
                    }
                }

                writer.WriteEndObject();
                break;
            case IDictionary map:
                writer.WriteStartObject();
                foreach (DictionaryEntry entry in map)
                {
                    writer.WritePropertyName(Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? "");
                    Write(writer, entry.Value, null);
                }

                writer.WriteEndObject();
                break;
            case IEnumerable items and not string and not byte[]:
                writer.WriteStartArray();
                foreach (var item in items)
                {
                    Write(writer, item, null);
                }

                writer.WriteEndArray();
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            default:
                writer.WriteStringValue(field is null ? Format(Temporal.None, value) : Format(field, value));
                break;
        }
    }
}
