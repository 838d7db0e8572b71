using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Avro;
using Avro.Generic;

namespace CrmSignalWorker.Simulator.PubSub;

/// <summary>
/// One version of an entity's change-event schema: record <c>{Entity}ChangeEvent</c> (custom: <c>Foo__ChangeEvent</c>) in namespace <c>com.sforce.eventbus</c>,
/// field 0 ChangeEventHeader, then the record fields as <c>["null", T]</c> unions. The schema id is a fingerprint of the JSON,
/// so the same shape always has the same id.
/// </summary>
internal sealed class EntitySchema
{
    public const string Namespace = "com.sforce.eventbus";
    public const string HeaderField = "ChangeEventHeader";

    private readonly Dictionary<string, (FieldPosition Position, EventField Field)> _paths = new(StringComparer.Ordinal);

    public EntitySchema(string entity, IReadOnlyList<EventField> fields)
    {
        Entity = entity;
        Fields = fields;
        for (var i = 0; i < fields.Count; i++)
        {
            var field = fields[i];
            _paths.Add(field.Name, (new FieldPosition(i + 1), field));
            for (var c = 0; c < (field.Children?.Count ?? 0); c++)
            {
                _paths.Add($"{field.Name}.{field.Children![c]}", (new FieldPosition(i + 1, c), new EventField(field.Children[c], FieldKind.String)));
            }
        }

        Json = BuildJson(entity, fields);
        SchemaId = Fingerprint(Json);
        Avro = (RecordSchema)Schema.Parse(Json);
        Writer = new GenericDatumWriter<GenericRecord>(Avro);
    }

    public string Entity { get; }

    /// <summary>Record fields; field <c>i</c> here is Avro field index <c>i + 1</c>.</summary>
    public IReadOnlyList<EventField> Fields { get; }

    public string Json { get; }

    public string SchemaId { get; }

    public RecordSchema Avro { get; }

    public GenericDatumWriter<GenericRecord> Writer { get; }

    /// <summary>Resolves <c>Field</c> or <c>Compound.Child</c>.</summary>
    /// <exception cref="ArgumentException">The event has no such field.</exception>
    public (FieldPosition Position, EventField Field) Locate(string path)
    {
        if (_paths.TryGetValue(path, out var found))
        {
            return found;
        }

        throw new ArgumentException($"{EntityFields.EventName(Entity)} has no field '{path}' (compound fields take a dotted path such as Name.FirstName).", nameof(path));
    }

    public EntitySchema WithAddedField(EventField field) => new(Entity, [.. Fields, field]);

    /// <summary>A 22-character base64url fingerprint, the shape of Salesforce's schema ids.</summary>
    public static string Fingerprint(string json) =>
        Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(json)).AsSpan(0, 16));

    private static string BuildJson(string entity, IReadOnlyList<EventField> fields)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type", "record");
            json.WriteString("name", EntityFields.EventName(entity));
            json.WriteString("namespace", Namespace);
            json.WriteStartArray("fields");
            WriteHeader(json);
            foreach (var field in fields)
            {
                WriteField(json, field);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    // Field order and types follow a decoded real payload (facts sheet §2.2).
    private static void WriteHeader(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteString("name", HeaderField);
        json.WriteStartObject("type");
        json.WriteString("type", "record");
        json.WriteString("name", HeaderField);
        json.WriteStartArray("fields");
        Plain(json, "entityName", "string");
        StringArray(json, "recordIds");
        json.WriteStartObject();
        json.WriteString("name", "changeType");
        json.WriteStartObject("type");
        json.WriteString("type", "enum");
        json.WriteString("name", "ChangeType");
        json.WriteStartArray("symbols");
        foreach (var symbol in ChangeTypes.Symbols)
        {
            json.WriteStringValue(symbol);
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
        Plain(json, "changeOrigin", "string");
        Plain(json, "transactionKey", "string");
        Plain(json, "sequenceNumber", "int");
        Plain(json, "commitTimestamp", "long");
        Plain(json, "commitNumber", "long");
        Plain(json, "commitUser", "string");
        StringArray(json, "nulledFields");
        StringArray(json, "diffFields");
        StringArray(json, "changedFields");
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteField(Utf8JsonWriter json, EventField field)
    {
        json.WriteStartObject();
        json.WriteString("name", field.Name);
        json.WriteStartArray("type");
        json.WriteStringValue("null");
        if (field.Kind == FieldKind.Compound)
        {
            json.WriteStartObject();
            json.WriteString("type", "record");
            json.WriteString("name", field.RecordName ?? field.Name);
            json.WriteStartArray("fields");
            foreach (var child in field.Children ?? [])
            {
                WriteField(json, new EventField(child, FieldKind.String));
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }
        else
        {
            json.WriteStringValue(AvroType(field.Kind));
        }

        json.WriteEndArray();
        json.WriteNull("default");
        if (TypeDoc(field) is { } doc)
        {
            json.WriteString("doc", doc);
        }

        json.WriteEndObject();
    }

    /// <summary>
    /// Dates and datetimes travel as epoch-millisecond longs; Salesforce names the field type in the doc
    /// (<c>CloseDate:Date</c>, <c>CreatedDate:DateTime</c>), which is how a consumer tells them from numbers.
    /// </summary>
    private static string? TypeDoc(EventField field) => field.Kind switch
    {
        FieldKind.Date => field.Name + ":Date",
        FieldKind.DateTime => field.Name + ":DateTime",
        _ => null,
    };

    private static string AvroType(FieldKind kind) => kind switch
    {
        FieldKind.String => "string",
        FieldKind.Double => "double",
        FieldKind.Boolean => "boolean",
        FieldKind.Date or FieldKind.DateTime => "long",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static void Plain(Utf8JsonWriter json, string name, string type)
    {
        json.WriteStartObject();
        json.WriteString("name", name);
        json.WriteString("type", type);
        json.WriteEndObject();
    }

    private static void StringArray(Utf8JsonWriter json, string name)
    {
        json.WriteStartObject();
        json.WriteString("name", name);
        json.WriteStartObject("type");
        json.WriteString("type", "array");
        json.WriteString("items", "string");
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
