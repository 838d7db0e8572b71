using Avro.Generic;
using CrmSignalWorker.Salesforce.PubSub.Protocol;
using CrmSignalWorker.Simulator.PubSub;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Time.Testing;

namespace CrmSignalWorker.IntegrationTests.Simulator.PubSub;

public sealed class SubscribeTests
{
    [Fact]
    public async Task Subscribe_Earliest_DeliversEveryScenarioEventInOrderWithCreditCappedAt100()
    {
        await using var sut = await PubSubTestOrg.StartAsync();
        var scenario = sut.Org.Scenario;

        // Independent of the simulator: one event per record, user and second of history.
        var expected = PubSubTestOrg.AllFieldHistory(scenario).Select(r => (r.ParentId, r.CreatedById, r.CreatedDate)).Distinct().Count();
        var records = PubSubTestOrg.RecordCount(scenario);
        using var call = sut.Subscribe();
        await call.RequestStream.WriteAsync(PubSubTestOrg.Fetch(PubSubTopics.ChangeEvents, ReplayPreset.Earliest, 150));

        var received = new List<ConsumerEvent>();
        var credit = 100;
        while (received.Count < expected)
        {
            var response = await PubSubTestOrg.NextAsync(call);
            Assert.NotEmpty(response.Events);
            Assert.InRange(response.Events.Count, 1, credit);
            credit -= response.Events.Count;
            Assert.Equal(credit, response.PendingNumRequested);
            Assert.Equal(response.Events[^1].ReplayId, response.LatestReplayId);
            received.AddRange(response.Events);
            if (credit == 0)
            {
                // The first request asked for 150: exactly 100 arrive before credit runs out.
                Assert.Equal(0, received.Count % 100);
                credit = 100;
                await call.RequestStream.WriteAsync(PubSubTestOrg.Fetch(PubSubTopics.ChangeEvents, ReplayPreset.Earliest, 100));
            }
        }

        Assert.Equal(expected, received.Count);
        var replayIds = received.Select(e => PubSubTestOrg.ReplayValue(e.ReplayId)).ToList();
        Assert.All(replayIds.Zip(replayIds.Skip(1)), p => Assert.True(p.Second > p.First + 1, "replay ids must grow with gaps"));
        Assert.Equal(sut.Org.PubSub.Events.Select(e => e.ReplayId), received.Select(e => e.ReplayId.ToByteArray()));

        var decoded = await DecodeAllAsync(sut, received);
        Assert.Equal(records, decoded.Count(r => ChangeType(r) == "CREATE"));
        Assert.Equal(expected - records, decoded.Count(r => ChangeType(r) == "UPDATE"));
        var timestamps = decoded.Select(r => (long)PubSubTestOrg.Header(r)["commitTimestamp"]).ToList();
        Assert.Equal(timestamps.Order(), timestamps);
        Assert.All(decoded.Where(r => ChangeType(r) == "UPDATE"), r => Assert.StartsWith("0x", ((object[])PubSubTestOrg.Header(r)["changedFields"])[0].ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Subscribe_CreditFromSeveralRequests_AddsUpThenIdleStreamCloses()
    {
        await using var sut = await PubSubTestOrg.StartAsync(o => o.IdleTimeout = TimeSpan.FromSeconds(1));
        using var call = sut.Subscribe();
        await call.RequestStream.WriteAsync(PubSubTestOrg.Fetch(PubSubTopics.OpportunityChangeEvent, ReplayPreset.Earliest, 10));
        await call.RequestStream.WriteAsync(PubSubTestOrg.Fetch(PubSubTopics.OpportunityChangeEvent, ReplayPreset.Latest, 15));

        var delivered = 0;
        var lastPending = -1;
        using var cts = new CancellationTokenSource(PubSubTestOrg.Patience);
        while (await call.ResponseStream.MoveNext(cts.Token))
        {
            delivered += call.ResponseStream.Current.Events.Count;
            lastPending = call.ResponseStream.Current.PendingNumRequested;
            Assert.InRange(lastPending, 0, 100);
        }

        Assert.Equal(25, delivered);
        Assert.Equal(0, lastPending);
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task Subscribe_CustomReplayId_ResumesStrictlyAfterIt()
    {
        await using var sut = await PubSubTestOrg.StartAsync();
        var leads = sut.Org.PubSub.Events.Where(e => e.Entity == "Lead").ToList();
        using var call = sut.Subscribe();

        await call.RequestStream.WriteAsync(PubSubTestOrg.Fetch(PubSubTopics.LeadChangeEvent, ReplayPreset.Custom, 5, leads[9].ReplayId));
        var response = await PubSubTestOrg.NextAsync(call);

        Assert.Equal(leads.Skip(10).Take(5).Select(e => e.ReplayId), response.Events.Select(e => e.ReplayId.ToByteArray()));
        Assert.Equal(leads[10].SchemaId, response.Events[0].Event.SchemaId);
        Assert.Equal(leads[10].EventId, response.Events[0].Event.Id);
    }

    [Fact]
    public async Task Subscribe_LeadChannel_CarriesOnlyLeadEvents()
    {
        await using var sut = await PubSubTestOrg.StartAsync();
        using var call = sut.Subscribe();

        await call.RequestStream.WriteAsync(PubSubTestOrg.Fetch(PubSubTopics.LeadChangeEvent, ReplayPreset.Earliest, 100));
        var response = await PubSubTestOrg.NextAsync(call);

        Assert.NotEmpty(response.Events);
        foreach (var consumerEvent in response.Events)
        {
            Assert.Equal("Lead", PubSubTestOrg.Header(await sut.DecodeAsync(consumerEvent.Event))["entityName"]);
        }
    }

    [Theory]
    [InlineData(new byte[] { 0, 0, 0, 0, 0, 0, 0, 1 })]
    [InlineData(new byte[] { 1, 2, 3 })]
    public async Task Subscribe_CustomUnknownOrMalformedId_ReplayIdCorrupted(byte[] replayId)
    {
        await using var sut = await PubSubTestOrg.StartAsync();
        using var call = sut.Subscribe();

        await call.RequestStream.WriteAsync(PubSubTestOrg.Fetch(PubSubTopics.OpportunityChangeEvent, ReplayPreset.Custom, 10, replayId));
        var error = await PubSubTestOrg.FailureAsync(call);

        PubSubTestOrg.AssertSalesforceError(error, StatusCode.InvalidArgument, PubSubErrorCodes.ReplayIdCorrupted);
        Assert.StartsWith("The Replay ID validation failed", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Subscribe_RetentionByOrgClock_ExpiredIdCorruptedAndEarliestStartsAtOldestRetained()
    {
        var now = new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);
        await using var sut = await PubSubTestOrg.StartAsync(o => o.EventRetention = TimeSpan.FromHours(72), new FakeTimeProvider(now));
        var opportunities = sut.Org.PubSub.Events.Where(e => e.Entity == "Opportunity").ToList();
        var oldestRetained = opportunities.First(e => e.CommitTimestamp >= now.AddHours(-72));
        Assert.NotSame(opportunities[0], oldestRetained);

        using var expired = sut.Subscribe();
        await expired.RequestStream.WriteAsync(PubSubTestOrg.Fetch(PubSubTopics.OpportunityChangeEvent, ReplayPreset.Custom, 10, opportunities[0].ReplayId));
        var error = await PubSubTestOrg.FailureAsync(expired);
        using var earliest = sut.Subscribe();
        await earliest.RequestStream.WriteAsync(PubSubTestOrg.Fetch(PubSubTopics.OpportunityChangeEvent, ReplayPreset.Earliest, 1));
        var first = await PubSubTestOrg.NextAsync(earliest);

        PubSubTestOrg.AssertSalesforceError(error, StatusCode.InvalidArgument, PubSubErrorCodes.ReplayIdCorrupted);
        Assert.StartsWith("The Replay ID validation failed", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(oldestRetained.ReplayId, Assert.Single(first.Events).ReplayId.ToByteArray());
    }

    [Fact]
    public async Task Subscribe_CustomWithoutReplayId_ReplayIdValidationFailed()
    {
        await using var sut = await PubSubTestOrg.StartAsync();
        using var call = sut.Subscribe();

        await call.RequestStream.WriteAsync(PubSubTestOrg.Fetch(PubSubTopics.OpportunityChangeEvent, ReplayPreset.Custom, 10));
        var error = await PubSubTestOrg.FailureAsync(call);

        PubSubTestOrg.AssertSalesforceError(error, StatusCode.InvalidArgument, PubSubErrorCodes.ReplayIdValidationFailed);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public async Task Subscribe_NonPositiveNumRequested_RequestedEventsInvalid(int requested)
    {
        await using var sut = await PubSubTestOrg.StartAsync();
        using var call = sut.Subscribe();

        await call.RequestStream.WriteAsync(PubSubTestOrg.Fetch(PubSubTopics.OpportunityChangeEvent, ReplayPreset.Earliest, requested));
        var error = await PubSubTestOrg.FailureAsync(call);

        PubSubTestOrg.AssertSalesforceError(error, StatusCode.InvalidArgument, PubSubErrorCodes.RequestedEventsInvalid);
    }

    [Fact]
    public async Task Subscribe_LaterRequestNamesAnotherTopic_TopicMismatch()
    {
        await using var sut = await PubSubTestOrg.StartAsync();
        using var call = sut.Subscribe();
        await call.RequestStream.WriteAsync(PubSubTestOrg.Fetch(PubSubTopics.OpportunityChangeEvent, ReplayPreset.Earliest, 1));
        Assert.Single((await PubSubTestOrg.NextAsync(call)).Events);

        await call.RequestStream.WriteAsync(PubSubTestOrg.Fetch(PubSubTopics.LeadChangeEvent, ReplayPreset.Earliest, 1));
        var error = await PubSubTestOrg.FailureAsync(call);

        PubSubTestOrg.AssertSalesforceError(error, StatusCode.InvalidArgument, PubSubErrorCodes.TopicMismatch);
    }

    [Fact]
    public async Task Subscribe_UnknownTopic_NotFound()
    {
        await using var sut = await PubSubTestOrg.StartAsync();
        using var call = sut.Subscribe();

        await call.RequestStream.WriteAsync(PubSubTestOrg.Fetch("/data/AssetChangeEvent", ReplayPreset.Latest, 10));
        var error = await PubSubTestOrg.FailureAsync(call);

        PubSubTestOrg.AssertSalesforceError(error, StatusCode.NotFound, PubSubErrorCodes.TopicNotFound);
    }

    private static string ChangeType(GenericRecord record) => ((GenericEnum)PubSubTestOrg.Header(record)["changeType"]).Value;

    private static async Task<List<GenericRecord>> DecodeAllAsync(PubSubTestOrg sut, List<ConsumerEvent> events)
    {
        var schemas = new Dictionary<string, Avro.Schema>(StringComparer.Ordinal);
        var records = new List<GenericRecord>();
        foreach (var consumerEvent in events)
        {
            var schemaId = consumerEvent.Event.SchemaId;
            if (!schemas.TryGetValue(schemaId, out var schema))
            {
                var info = await sut.Client.GetSchemaAsync(new SchemaRequest { SchemaId = schemaId }, sut.Headers);
                schema = schemas[schemaId] = Avro.Schema.Parse(info.SchemaJson);
            }

            var reader = new GenericDatumReader<GenericRecord>(schema, schema);
            using var stream = new MemoryStream(consumerEvent.Event.Payload.ToByteArray());
            records.Add(reader.Read(null!, new Avro.IO.BinaryDecoder(stream)));
        }

        return records;
    }
}
