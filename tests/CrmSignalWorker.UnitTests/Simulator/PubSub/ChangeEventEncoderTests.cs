using Avro.Generic;
using Avro.IO;
using CrmSignalWorker.Simulator.PubSub;

namespace CrmSignalWorker.UnitTests.Simulator.PubSub;

public sealed class ChangeEventEncoderTests
{
    private static readonly DateTimeOffset s_commit = new(2026, 11, 20, 2, 15, 1, TimeSpan.Zero);

    [Fact]
    public void Encode_LeadUpdate_RoundTripsThroughApacheAvroReader()
    {
        var schema = new SchemaRegistry().Current("Lead");
        var draft = new ChangeEventDraft(
            "Lead",
            ["00Q000000000001AAA"],
            ChangeType.Update,
            new Dictionary<string, object?>
            {
                ["Name.FirstName"] = "Ada",
                ["Status"] = "Working - Contacted",
                ["LeadSource"] = null,
                ["LastModifiedDate"] = s_commit.ToUnixTimeMilliseconds(),
                ["IsConverted"] = false,
            },
            ["Name.FirstName", "Status", "LeadSource", "LastModifiedDate", "IsConverted"],
            ["LeadSource"],
            "com/salesforce/api/soap/62.0;client=SfdcInternalAPI/",
            "0b5c1f7e-1111-4222-8333-444455556666",
            2,
            s_commit,
            11_000_000_000_123,
            "005000000000001AAA");

        var record = Decode(schema, ChangeEventEncoder.Encode(schema, draft));

        var header = (GenericRecord)record["ChangeEventHeader"];
        Assert.Equal("Lead", header["entityName"]);
        Assert.Equal(["00Q000000000001AAA"], ((object[])header["recordIds"]).Cast<string>());
        Assert.Equal("UPDATE", ((GenericEnum)header["changeType"]).Value);
        Assert.Equal("com/salesforce/api/soap/62.0;client=SfdcInternalAPI/", header["changeOrigin"]);
        Assert.Equal("0b5c1f7e-1111-4222-8333-444455556666", header["transactionKey"]);
        Assert.Equal(2, header["sequenceNumber"]);
        Assert.Equal(s_commit.ToUnixTimeMilliseconds(), header["commitTimestamp"]);
        Assert.Equal(11_000_000_000_123L, header["commitNumber"]);
        Assert.Equal("005000000000001AAA", header["commitUser"]);

        // Lead: 1 Name{Salutation, FirstName, LastName}, 2 Company, 3 Status, 4 LeadSource, 5 OwnerId, 6 IsConverted, ... 9 LastModifiedDate.
        Assert.Equal(["0x0258", "1-0x02"], ((object[])header["changedFields"]).Cast<string>());
        Assert.Equal(["0x10"], ((object[])header["nulledFields"]).Cast<string>());
        Assert.Empty((object[])header["diffFields"]);

        var name = (GenericRecord)record["Name"];
        Assert.Equal("Ada", name["FirstName"]);
        Assert.Null(name["LastName"]);
        Assert.Equal("Working - Contacted", record["Status"]);
        Assert.Equal(false, record["IsConverted"]);
        Assert.Null(record["LeadSource"]);
        Assert.Null(record["Company"]);
        Assert.Null(record["OwnerId"]);
        Assert.Equal(s_commit.ToUnixTimeMilliseconds(), record["LastModifiedDate"]);
    }

    [Fact]
    public void Encode_OpportunityCreate_WritesDoublesAndMidnightDates()
    {
        var schema = new SchemaRegistry().Current("Opportunity");
        var closeDate = FieldValues.ToAvro(schema.Locate("CloseDate").Field, new DateOnly(2026, 12, 31), "CloseDate");
        var amount = FieldValues.ToAvro(schema.Locate("Amount").Field, 25000.5m, "Amount");
        var draft = new ChangeEventDraft(
            "Opportunity", ["006000000000001AAA"], ChangeType.Create,
            new Dictionary<string, object?> { ["Amount"] = amount, ["CloseDate"] = closeDate, ["StageName"] = "Prospecting" },
            [], [], "", "k", 1, s_commit, 1, "005000000000001AAA");

        var record = Decode(schema, ChangeEventEncoder.Encode(schema, draft));

        Assert.Equal(25000.5d, record["Amount"]);
        Assert.Equal(1798675200000L, record["CloseDate"]);
        Assert.Equal("Prospecting", record["StageName"]);
        Assert.Empty((object[])((GenericRecord)record["ChangeEventHeader"])["changedFields"]);
    }

    [Fact]
    public void ToAvro_WrongType_Throws()
    {
        var schema = new SchemaRegistry().Current("Opportunity");

        Assert.Throws<ArgumentException>(() => FieldValues.ToAvro(schema.Locate("Amount").Field, "lots", "Amount"));
        Assert.Throws<ArgumentException>(() => FieldValues.ToAvro(schema.Locate("StageName").Field, 3, "StageName"));
    }

    private static GenericRecord Decode(EntitySchema schema, byte[] payload)
    {
        // Parse the published JSON again, as a client would after GetSchema.
        var parsed = (Avro.RecordSchema)Avro.Schema.Parse(schema.Json);
        var reader = new GenericDatumReader<GenericRecord>(parsed, parsed);
        using var stream = new MemoryStream(payload);
        var record = reader.Read(null!, new BinaryDecoder(stream));
        Assert.Equal(stream.Length, stream.Position);
        return record;
    }
}
