using CrmSignalWorker.Salesforce.PubSub.Protocol;
using CrmSignalWorker.Simulator.PubSub;
using Grpc.Core;
using ChangeEventDecoder = CrmSignalWorker.Salesforce.PubSub.ChangeEventDecoder;
using ChangeEventDecodingException = CrmSignalWorker.Salesforce.PubSub.ChangeEventDecodingException;

namespace CrmSignalWorker.IntegrationTests.Simulator.PubSub;

public sealed class PubSubFaultTests
{
    [Fact]
    public async Task DropStreamsAfter_DeliversThatManyEventsThenResetsStream()
    {
        await using var sut = await PubSubTestOrg.StartAsync();
        sut.Org.Faults.PubSub.DropStreamsAfter(3);
        using var call = sut.Subscribe();
        await call.RequestStream.WriteAsync(PubSubTestOrg.Fetch(PubSubTopics.ChangeEvents, ReplayPreset.Earliest, 50));

        var delivered = 0;
        using var cts = new CancellationTokenSource(PubSubTestOrg.Patience);
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            while (await call.ResponseStream.MoveNext(cts.Token))
            {
                delivered += call.ResponseStream.Current.Events.Count;
            }
        });

        Assert.Equal(3, delivered);
        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Equal("RST_STREAM closed stream", error.Status.Detail);
    }

    [Fact]
    public async Task CorruptNextEvents_MalformedEventIsDeliveredAndTheStreamGoesOn()
    {
        await using var sut = await PubSubTestOrg.StartAsync(o => o.KeepAliveInterval = TimeSpan.FromMilliseconds(500));
        using var call = await LivePublishTests.SubscribedAsync(sut, PubSubTopics.OpportunityChangeEvent, 10);
        var opportunityId = sut.Org.Scenario.Opportunities[0].Id;

        sut.Org.Faults.PubSub.CorruptNextEvents(1);
        var bad = sut.Org.PubSub.PublishChange(Amount(opportunityId, 1000));
        var good = sut.Org.PubSub.PublishChange(Amount(opportunityId, 2000));
        var received = new List<ConsumerEvent>();
        while (received.Count < 2)
        {
            received.AddRange((await LivePublishTests.NextWithEventsAsync(call)).Events);
        }

        Assert.Equal([bad, good], received.Select(e => e.ReplayId.ToByteArray()));
        var schema = (Avro.RecordSchema)Avro.Schema.Parse(
            (await sut.Client.GetSchemaAsync(new SchemaRequest { SchemaId = received[0].Event.SchemaId }, sut.Headers)).SchemaJson);
        var decoder = new ChangeEventDecoder();
        var failure = Assert.Throws<ChangeEventDecodingException>(() => decoder.Decode(received[0], PubSubTopics.OpportunityChangeEvent, schema));
        Assert.Equal(received[0].Event.Id, failure.EventId);
        Assert.Equal("2000", decoder.Decode(received[1], PubSubTopics.OpportunityChangeEvent, schema).Fields["Amount"]);
        Assert.Equal([true, false], sut.Org.PubSub.Events.TakeLast(2).Select(e => e.IsMalformed));
    }

    [Fact]
    public async Task CorruptNextEvents_WorkflowEvent_IsMarkedAndCutShort()
    {
        await using var sut = await PubSubTestOrg.StartAsync();

        sut.Org.Faults.PubSub.CorruptNextEvents(1);
        var bad = sut.Org.PubSub.PublishWorkflowEvent(new WorkflowEventSpec { RecordId = "500000000000001AAA", ObjectName = "Case", EventType = "notification" });
        var good = sut.Org.PubSub.PublishWorkflowEvent(new WorkflowEventSpec { RecordId = "500000000000001AAA", ObjectName = "Case", EventType = "notification" });

        Assert.True(bad.IsMalformed);
        Assert.False(good.IsMalformed);
        Assert.Throws<ArgumentOutOfRangeException>(() => sut.Org.Faults.PubSub.CorruptNextEvents(0));
    }

    [Fact]
    public async Task DropStreamsAfter_ThenReset_NewStreamsRunFreely()
    {
        await using var sut = await PubSubTestOrg.StartAsync();
        sut.Org.Faults.PubSub.DropStreamsAfter(0);
        sut.Org.Faults.Reset();
        using var call = sut.Subscribe();

        await call.RequestStream.WriteAsync(PubSubTestOrg.Fetch(PubSubTopics.ChangeEvents, ReplayPreset.Earliest, 30));
        var response = await PubSubTestOrg.NextAsync(call);

        Assert.NotEmpty(response.Events);
    }

    [Fact]
    public async Task SilenceStreams_SendsNothingWithoutClosingUntilResume()
    {
        await using var sut = await PubSubTestOrg.StartAsync(o => o.KeepAliveInterval = TimeSpan.FromMilliseconds(300));
        using var call = await LivePublishTests.SubscribedAsync(sut, PubSubTopics.OpportunityChangeEvent, 5);

        sut.Org.Faults.PubSub.SilenceStreams();

        // A keep-alive already on its way before the silence may still land; nothing after it may.
        var next = call.ResponseStream.MoveNext(CancellationToken.None);
        if (await Task.WhenAny(next, Task.Delay(TimeSpan.FromMilliseconds(500))) == next)
        {
            Assert.True(await next);
            Assert.Empty(call.ResponseStream.Current.Events);
            next = call.ResponseStream.MoveNext(CancellationToken.None);
        }

        var replayId = sut.Org.PubSub.PublishChange(new ChangeEventSpec
        {
            Entity = "Opportunity",
            RecordIds = [sut.Org.Scenario.Opportunities[0].Id],
            Fields = new Dictionary<string, object?> { ["StageName"] = "Closed Lost" },
        });
        var quiet = await Task.WhenAny(next, Task.Delay(TimeSpan.FromSeconds(2)));

        // Six keep-alive intervals and a new event passed: a live stream would have sent something.
        Assert.NotSame(next, quiet);
        sut.Org.Faults.PubSub.Resume();
        Assert.True(await next.WaitAsync(PubSubTestOrg.Patience));
        Assert.Equal(replayId, Assert.Single(call.ResponseStream.Current.Events).ReplayId.ToByteArray());
    }

    [Fact]
    public async Task FailNextSubscribe_Unavailable_FailsOnceWithTrailerThenSubscribesNormally()
    {
        await using var sut = await PubSubTestOrg.StartAsync();
        sut.Org.Faults.PubSub.FailNextSubscribe(StatusCode.Unavailable, PubSubErrorCodes.ServiceUnavailable);

        using var failed = sut.Subscribe();
        await failed.RequestStream.WriteAsync(PubSubTestOrg.Fetch(PubSubTopics.OpportunityChangeEvent, ReplayPreset.Earliest, 5));
        var error = await PubSubTestOrg.FailureAsync(failed);
        using var retried = sut.Subscribe();
        await retried.RequestStream.WriteAsync(PubSubTestOrg.Fetch(PubSubTopics.OpportunityChangeEvent, ReplayPreset.Earliest, 5));
        var response = await PubSubTestOrg.NextAsync(retried);

        PubSubTestOrg.AssertSalesforceError(error, StatusCode.Unavailable, PubSubErrorCodes.ServiceUnavailable);
        Assert.Equal(5, response.Events.Count);
    }

    [Fact]
    public async Task FailNextSubscribe_DeliveryLimit_CarriesSalesforceMessage()
    {
        await using var sut = await PubSubTestOrg.StartAsync();
        sut.Org.Faults.PubSub.FailNextSubscribe(StatusCode.ResourceExhausted, PubSubErrorCodes.SubscriptionLimitExceeded);
        using var call = sut.Subscribe();

        await call.RequestStream.WriteAsync(PubSubTestOrg.Fetch(PubSubTopics.LeadChangeEvent, ReplayPreset.Latest, 5));
        var error = await PubSubTestOrg.FailureAsync(call);

        PubSubTestOrg.AssertSalesforceError(error, StatusCode.ResourceExhausted, PubSubErrorCodes.SubscriptionLimitExceeded);
        Assert.Contains("event delivery limit", error.Status.Detail, StringComparison.Ordinal);
    }

    private static ChangeEventSpec Amount(string opportunityId, int amount) => new()
    {
        Entity = "Opportunity",
        RecordIds = [opportunityId],
        Fields = new Dictionary<string, object?> { ["Amount"] = amount },
    };
}
