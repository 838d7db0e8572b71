using Avro.Generic;
using CrmSignalWorker.Core.Changes;
using CrmSignalWorker.Salesforce.PubSub;
using CrmSignalWorker.Salesforce.PubSub.Protocol;
using Google.Protobuf;

namespace CrmSignalWorker.UnitTests.Salesforce.PubSub;

public sealed class ChangeEventDecoderTests
{
    private const string Topic = "/data/AccountChangeEvent";
    private static readonly byte[] Replay = ReplayId.FromUInt64(17_086_068);

    private static ChangeEventDecoder CreateSut() => new();

    private static ConsumerEvent Consumer(GenericRecord record) => Consumer(AccountChangeEventSchema.Encode(record));

    private static ConsumerEvent Consumer(byte[] payload) => new()
    {
        Event = new ProducerEvent { Id = "6f3b2c1a-0000-4000-8000-000000000001", SchemaId = "vjfSL_rX8hSnqyn0Yla8Zw", Payload = ByteString.CopyFrom(payload) },
        ReplayId = ByteString.CopyFrom(Replay),
    };

    [Fact]
    public void Decode_UpdateEvent_ReadsTheHeaderAndOnlyChangedAndNulledValuesAsInvariantText()
    {
        var header = AccountChangeEventSchema.Header(
            "UPDATE",
            changedFields: ["0x6403000", "4-0x01"],
            nulledFields: ["0x40"],
            recordIds: ["001000000000001AAA", "001000000000002AAA"]);
        var record = AccountChangeEventSchema.Event(header, new Dictionary<string, object?>
        {
            ["Name"] = "Unchanged but present",
            ["AnnualRevenue"] = 1_250_000.5,
            ["NumberOfEmployees"] = 250,
            ["LastModifiedDate"] = new DateTimeOffset(2026, 11, 2, 14, 5, 9, 123, TimeSpan.Zero).ToUnixTimeMilliseconds(),
            ["SLAExpirationDate__c"] = new DateTimeOffset(2026, 12, 31, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(),
            ["Renewal__c"] = new DateTime(2027, 1, 15, 9, 30, 0, DateTimeKind.Utc),
            ["BillingAddress"] = AccountChangeEventSchema.Address(new Dictionary<string, string?> { ["Street"] = "1 Market St" }),
        });

        var decoded = CreateSut().Decode(Consumer(record), Topic, AccountChangeEventSchema.Schema);

        Assert.Equal("6f3b2c1a-0000-4000-8000-000000000001", decoded.EventId);
        Assert.Equal("vjfSL_rX8hSnqyn0Yla8Zw", decoded.SchemaId);
        Assert.Equal(Topic, decoded.Topic);
        Assert.Equal(Replay, decoded.ReplayId);
        var h = decoded.Header;
        Assert.Equal("Account", h.EntityName);
        Assert.Equal(["001000000000001AAA", "001000000000002AAA"], h.RecordIds);
        Assert.Equal(ChangeEventTypes.Update, h.ChangeType);
        Assert.Equal("com/salesforce/api/soap/58.0;client=SfdcInternalAPI/", h.ChangeOrigin);
        Assert.Equal("0001f3a7-6a2b-7c0d-2e1f-0a1b2c3d4e5f", h.TransactionKey);
        Assert.Equal(1, h.SequenceNumber);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_793_628_309_000), h.CommitTimestamp);
        Assert.Equal(11_812_345_678_901L, h.CommitNumber);
        Assert.Equal("005000000000001AAA", h.CommitUser);
        Assert.Equal(["AnnualRevenue", "NumberOfEmployees", "LastModifiedDate", "SLAExpirationDate__c", "Renewal__c", "BillingAddress.Street"], h.ChangedFields);
        Assert.Equal(["Phone"], h.NulledFields);
        Assert.Empty(h.DiffFields);
        Assert.Equal(
            new Dictionary<string, string?>
            {
                ["AnnualRevenue"] = "1250000.5",
                ["NumberOfEmployees"] = "250",
                ["LastModifiedDate"] = "2026-11-02T14:05:09.123Z",
                ["SLAExpirationDate__c"] = "2026-12-31",
                ["Renewal__c"] = "2027-01-15T09:30:00.000Z",
                ["BillingAddress.Street"] = "1 Market St",
                ["Phone"] = null,
            },
            decoded.Fields);
        Assert.False(decoded.IsGap);
    }

    [Fact]
    public void Decode_CompoundReportedWhole_RendersItsSetChildrenAsJson()
    {
        var header = AccountChangeEventSchema.Header("UPDATE", changedFields: ["0x10"]);
        var record = AccountChangeEventSchema.Event(header, new Dictionary<string, object?>
        {
            ["BillingAddress"] = AccountChangeEventSchema.Address(new Dictionary<string, string?> { ["City"] = "Lyon", ["Latitude"] = "45.75" }),
        });

        var decoded = CreateSut().Decode(Consumer(record), Topic, AccountChangeEventSchema.Schema);

        Assert.Equal("""{"City":"Lyon","Latitude":"45.75"}""", decoded.Fields["BillingAddress"]);
    }

    [Theory]
    [InlineData("GAP_UPDATE", true, false)]
    [InlineData("GAP_OVERFLOW", true, true)]
    [InlineData("CREATE", false, false)]
    public void Decode_ChangeType_SetsGapAndOverflow(string changeType, bool isGap, bool isOverflow)
    {
        var header = AccountChangeEventSchema.Header(changeType, changedFields: [], recordIds: isOverflow ? [] : null);

        var decoded = CreateSut().Decode(Consumer(AccountChangeEventSchema.Event(header, new Dictionary<string, object?>())), Topic, AccountChangeEventSchema.Schema);

        Assert.Equal(changeType, decoded.Header.ChangeType);
        Assert.Equal((isGap, isOverflow), (decoded.IsGap, decoded.IsOverflow));
        Assert.Empty(decoded.Fields);
    }

    [Fact]
    public void Decode_PayloadOfAnotherSchema_ThrowsWithTheEventsIdsButNoValues()
    {
        var header = AccountChangeEventSchema.Header("UPDATE", changedFields: ["0x2"]);
        var payload = AccountChangeEventSchema.Encode(AccountChangeEventSchema.Event(header, new Dictionary<string, object?> { ["Name"] = "Secret Customer Ltd" }));

        var error = Assert.Throws<ChangeEventDecodingException>(() =>
            CreateSut().Decode(Consumer([.. payload, 0x02, 0x41]), Topic, AccountChangeEventSchema.Schema));

        Assert.Equal(Replay, error.ReplayId);
        Assert.Equal("vjfSL_rX8hSnqyn0Yla8Zw", error.SchemaId);
        Assert.Contains("17086068", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_TruncatedPayload_ThrowsChangeEventDecodingException()
    {
        var header = AccountChangeEventSchema.Header("UPDATE", changedFields: ["0x2"]);
        var payload = AccountChangeEventSchema.Encode(AccountChangeEventSchema.Event(header, new Dictionary<string, object?> { ["Name"] = "Acme" }));

        Assert.Throws<ChangeEventDecodingException>(() => CreateSut().Decode(Consumer(payload[..20]), Topic, AccountChangeEventSchema.Schema));
    }
}
