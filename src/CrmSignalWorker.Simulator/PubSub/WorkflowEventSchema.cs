using System.Text;
using System.Text.Json;
using Avro;
using Avro.Generic;
using Avro.IO;

namespace CrmSignalWorker.Simulator.PubSub;

/// <summary>
/// The <c>Workflow_Event__e</c> platform event: record <c>Workflow_Event__e</c> in <c>com.sforce.eventbus</c> with the
/// standard fields CreatedDate, CreatedById and EventUuid first, then the custom fields as nullable strings, the shape
/// Salesforce gives a platform event's schema.
/// </summary>
internal sealed class WorkflowEventSchema
{
    public const string EventName = "Workflow_Event__e";

    /// <summary>The custom fields in schema order.</summary>
    public static readonly IReadOnlyList<string> CustomFields =
    [
        "Record_Id__c", "Object_Name__c", "Event_Type__c", "Stage_Before__c", "Stage_After__c", "Owner_Before__c",
        "Owner_After__c", "Automation_Id__c", "Correlation_Id__c", "Sla_Clock_State__c",
    ];

    private readonly GenericDatumWriter<GenericRecord> _writer;

    public WorkflowEventSchema()
    {
        Json = BuildJson();
        SchemaId = EntitySchema.Fingerprint(Json);
        Avro = (RecordSchema)Schema.Parse(Json);
        _writer = new GenericDatumWriter<GenericRecord>(Avro);
    }

    public string Json { get; }

    public string SchemaId { get; }

    public RecordSchema Avro { get; }

    /// <summary>One raw Avro binary datum, as for change events.</summary>
    public byte[] Encode(SimWorkflowEvent e)
    {
        var record = new GenericRecord(Avro);
        record.Add("CreatedDate", e.CreatedDate.ToUnixTimeMilliseconds());
        record.Add("CreatedById", e.CreatedById);
        record.Add("EventUuid", e.EventUuid);
        string?[] custom =
        [
            e.RecordId, e.ObjectName, e.EventType, e.StageBefore, e.StageAfter, e.OwnerBefore, e.OwnerAfter, e.AutomationId,
            e.CorrelationId, e.SlaClockState,
        ];
        for (var i = 0; i < CustomFields.Count; i++)
        {
            record.Add(CustomFields[i], custom[i]);
        }

        using var stream = new MemoryStream();
        var encoder = new BinaryEncoder(stream);
        _writer.Write(record, encoder);
        encoder.Flush();
        return stream.ToArray();
    }

    private static string BuildJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type", "record");
            json.WriteString("name", EventName);
            json.WriteString("namespace", EntitySchema.Namespace);
            json.WriteStartArray("fields");

            json.WriteStartObject();
            json.WriteString("name", "CreatedDate");
            json.WriteString("type", "long");
            json.WriteString("doc", "CreatedDate:DateTime");
            json.WriteEndObject();

            json.WriteStartObject();
            json.WriteString("name", "CreatedById");
            json.WriteString("type", "string");
            json.WriteEndObject();

            foreach (var name in (IEnumerable<string>)["EventUuid", .. CustomFields])
            {
                json.WriteStartObject();
                json.WriteString("name", name);
                json.WriteStartArray("type");
                json.WriteStringValue("null");
                json.WriteStringValue("string");
                json.WriteEndArray();
                json.WriteNull("default");
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
