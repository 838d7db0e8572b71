using System.Text.Json;
using Avro.Generic;
using Avro.IO;
using CrmSignalWorker.Simulator;
using CrmSignalWorker.Simulator.PubSub;

namespace CrmSignalWorker.UnitTests.Simulator.PubSub;

public sealed class WorkflowEventSchemaTests
{
    [Fact]
    public void Json_IsPlatformEventRecordWithStandardThenCustomFields()
    {
        var schema = new WorkflowEventSchema();

        using var json = JsonDocument.Parse(schema.Json);
        var root = json.RootElement;
        Assert.Equal("Workflow_Event__e", root.GetProperty("name").GetString());
        Assert.Equal("com.sforce.eventbus", root.GetProperty("namespace").GetString());
        var fields = root.GetProperty("fields").EnumerateArray().ToList();
        Assert.Equal(
            ["CreatedDate", "CreatedById", "EventUuid", "Record_Id__c", "Object_Name__c", "Event_Type__c", "Stage_Before__c", "Stage_After__c",
             "Owner_Before__c", "Owner_After__c", "Automation_Id__c", "Correlation_Id__c", "Sla_Clock_State__c"],
            fields.Select(f => f.GetProperty("name").GetString()));
        Assert.Equal("long", fields[0].GetProperty("type").GetString());
        Assert.Equal("CreatedDate:DateTime", fields[0].GetProperty("doc").GetString());
        Assert.Equal("string", fields[1].GetProperty("type").GetString());
        Assert.All(fields.Skip(2), f =>
        {
            Assert.Equal(["null", "string"], f.GetProperty("type").EnumerateArray().Select(t => t.GetString()));
            Assert.Equal(JsonValueKind.Null, f.GetProperty("default").ValueKind);
        });
        Assert.Matches("^[A-Za-z0-9_-]{22}$", schema.SchemaId);
        Assert.Equal(schema.SchemaId, new WorkflowEventSchema().SchemaId);
    }

    [Fact]
    public void Encode_Handoff_RoundTripsThroughApacheAvroReader()
    {
        var schema = new WorkflowEventSchema();
        var at = new DateTimeOffset(2026, 11, 20, 9, 30, 5, TimeSpan.Zero);
        var handoff = new SimWorkflowEvent(
            "7d1c7c1e-0a55-4b7e-9a61-1f0f4c3b2a10", at, "005000000000003AAA", "00Q000000000001AAA", "Lead", WorkflowEventTypes.Handoff,
            null, null, "005000000000002AAA", "005000000000001AAA", "Lead_Routing_Flow", "0b5c1f7e-1111-4222-8333-444455556666", null);

        var reader = new GenericDatumReader<GenericRecord>(schema.Avro, schema.Avro);
        using var stream = new MemoryStream(schema.Encode(handoff));
        var record = reader.Read(null!, new BinaryDecoder(stream));

        Assert.Equal(stream.Length, stream.Position);
        Assert.Equal(at.ToUnixTimeMilliseconds(), record["CreatedDate"]);
        Assert.Equal("005000000000003AAA", record["CreatedById"]);
        Assert.Equal("7d1c7c1e-0a55-4b7e-9a61-1f0f4c3b2a10", record["EventUuid"]);
        Assert.Equal("00Q000000000001AAA", record["Record_Id__c"]);
        Assert.Equal("Lead", record["Object_Name__c"]);
        Assert.Equal("handoff", record["Event_Type__c"]);
        Assert.Null(record["Stage_Before__c"]);
        Assert.Equal("005000000000002AAA", record["Owner_Before__c"]);
        Assert.Equal("005000000000001AAA", record["Owner_After__c"]);
        Assert.Equal("Lead_Routing_Flow", record["Automation_Id__c"]);
        Assert.Equal("0b5c1f7e-1111-4222-8333-444455556666", record["Correlation_Id__c"]);
        Assert.Null(record["Sla_Clock_State__c"]);
    }

    [Fact]
    public void Registry_ServesWorkflowSchemaByIdAndByEventName()
    {
        var registry = new SchemaRegistry();

        Assert.Equal(registry.WorkflowEvent.SchemaId, registry.CurrentSchemaId("Workflow_Event__e"));
        Assert.True(registry.TryGetJson(registry.WorkflowEvent.SchemaId, out var json));
        Assert.Equal(registry.WorkflowEvent.Json, json);
        Assert.False(registry.TryGetJson("AAAAAAAAAAAAAAAAAAAAAA", out _));
    }
}
