using System.Text.Json;
using CrmSignalWorker.Core.Changes;
using CrmSignalWorker.Salesforce.PubSub;
using CrmSignalWorker.Salesforce.PubSub.Protocol;
using CrmSignalWorker.Simulator.PubSub;
using Google.Protobuf;

namespace CrmSignalWorker.UnitTests.Simulator.PubSub;

/// <summary>The simulator's change events carry the field docs the worker's decoder needs to render dates as dates.</summary>
public sealed class ChangeEventDatesTests
{
    private static readonly DateTimeOffset s_commit = new(2026, 11, 20, 14, 5, 9, 250, TimeSpan.Zero);

    [Fact]
    public void Decode_SimulatorCloseDateChange_WorkerSeesIsoDate()
    {
        var change = DecodeThroughWorker("Opportunity", new Dictionary<string, object?>
        {
            ["CloseDate"] = FieldValues.EpochMilliseconds(new DateOnly(2026, 12, 15)),
            ["LastModifiedDate"] = s_commit.ToUnixTimeMilliseconds(),
        });

        Assert.Equal("2026-12-15", change.Fields["CloseDate"]);
        Assert.Equal("2026-11-20T14:05:09.250Z", change.Fields["LastModifiedDate"]);
    }

    [Fact]
    public void Decode_SimulatorLeadCreatedDate_WorkerSeesIsoUtcDateTime()
    {
        var change = DecodeThroughWorker("Lead", new Dictionary<string, object?>
        {
            ["CreatedDate"] = s_commit.ToUnixTimeMilliseconds(),
        });

        Assert.Equal("2026-11-20T14:05:09.250Z", change.Fields["CreatedDate"]);
    }

    [Theory]
    [InlineData("Opportunity")]
    [InlineData("Lead")]
    public void Json_EveryLongField_NamesItsTemporalTypeInDoc(string entity)
    {
        var schema = new SchemaRegistry().Current(entity);

        using var json = JsonDocument.Parse(schema.Json);
        var fields = json.RootElement.GetProperty("fields").EnumerateArray().Skip(1).ToList();
        var longs = fields.Where(f => f.GetProperty("type").EnumerateArray().Any(t => t.ValueKind == JsonValueKind.String && t.GetString() == "long")).ToList();
        Assert.NotEmpty(longs);
        Assert.All(longs, f =>
        {
            var name = f.GetProperty("name").GetString();
            var doc = f.GetProperty("doc").GetString();
            Assert.True(doc == name + ":Date" || doc == name + ":DateTime", $"{name} has doc '{doc}'");
        });
        Assert.Equal("CreatedDate:DateTime", fields.Single(f => f.GetProperty("name").GetString() == "CreatedDate").GetProperty("doc").GetString());
    }

    private static ChangeEvent DecodeThroughWorker(string entity, Dictionary<string, object?> values)
    {
        var schema = new SchemaRegistry().Current(entity);
        var draft = new ChangeEventDraft(
            entity, ["006000000000001AAA"], ChangeType.Update, values, [.. values.Keys], [], "", "0b5c1f7e-1111-4222-8333-444455556666",
            1, s_commit, 11_000_000_000_123, "005000000000001AAA");
        var consumerEvent = new ConsumerEvent
        {
            Event = new ProducerEvent
            {
                Id = "e1",
                SchemaId = schema.SchemaId,
                Payload = ByteString.CopyFrom(ChangeEventEncoder.Encode(schema, draft)),
            },
            ReplayId = ByteString.CopyFrom([0, 0, 0, 0, 0, 0, 0, 7]),
        };

        // The worker parses the schema JSON it fetched with GetSchema; parsing the simulator's JSON is the same step.
        var parsed = (Avro.RecordSchema)Avro.Schema.Parse(schema.Json);
        return new ChangeEventDecoder().Decode(consumerEvent, "/data/" + entity + "ChangeEvent", parsed);
    }
}
