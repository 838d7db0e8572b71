using Avro.Generic;
using CrmSignalWorker.Salesforce.PubSub.Protocol;
using CrmSignalWorker.Simulator.PubSub;
using Grpc.Core;

namespace CrmSignalWorker.IntegrationTests.Simulator.PubSub;

public sealed class LivePublishTests
{
    [Fact]
    public async Task PublishChange_LatestSubscriberConnected_ReceivesOnlyTheNewEventOfItsTopic()
    {
        await using var sut = await PubSubTestOrg.StartAsync(o => o.KeepAliveInterval = TimeSpan.FromMilliseconds(500));
        var opportunityId = sut.Org.Scenario.Opportunities[3].Id;
        using var call = await SubscribedAsync(sut, PubSubTopics.OpportunityChangeEvent, 10);

        sut.Org.PubSub.PublishChange(new ChangeEventSpec
        {
            Entity = "Lead",
            RecordIds = [sut.Org.Scenario.Leads[0].Id],
            Fields = new Dictionary<string, object?> { ["Status"] = "Working - Contacted" },
        });
        var replayId = sut.Org.PubSub.PublishChange(new ChangeEventSpec
        {
            Entity = "Opportunity",
            RecordIds = [opportunityId],
            Fields = new Dictionary<string, object?> { ["StageName"] = "Closed Won", ["Amount"] = 12345.5m, ["CloseDate"] = new DateOnly(2026, 12, 1) },
            CommitUser = sut.Org.Scenario.JumpingActorId,
            ChangeOrigin = "com/salesforce/api/rest/62.0;client=MarketoSync",
        });
        var response = await NextWithEventsAsync(call);

        var received = Assert.Single(response.Events);
        Assert.Equal(replayId, received.ReplayId.ToByteArray());
        Assert.Equal(9, response.PendingNumRequested);
        var record = await sut.DecodeAsync(received.Event);
        var header = PubSubTestOrg.Header(record);
        Assert.Equal("UPDATE", ((GenericEnum)header["changeType"]).Value);
        Assert.Equal([opportunityId], ((object[])header["recordIds"]).Cast<string>());
        Assert.Equal(sut.Org.Scenario.JumpingActorId, header["commitUser"]);
        Assert.Equal("com/salesforce/api/rest/62.0;client=MarketoSync", header["changeOrigin"]);
        Assert.Equal(1, header["sequenceNumber"]);

        // Opportunity: 2 StageName, 3 Amount, 5 CloseDate, 12 LastModifiedDate.
        Assert.Equal(["0x102C"], ((object[])header["changedFields"]).Cast<string>());
        Assert.Equal("Closed Won", record["StageName"]);
        Assert.Equal(12345.5d, record["Amount"]);
        Assert.Equal(1796083200000L, record["CloseDate"]);
        Assert.Equal(header["commitTimestamp"], record["LastModifiedDate"]);
        Assert.Null(record["Name"]);
    }

    [Fact]
    public async Task PublishChange_SameTransactionKey_SharesCommitNumberAndNumbersSequence()
    {
        await using var sut = await PubSubTestOrg.StartAsync();

        sut.Org.PubSub.PublishChange(Spec(sut, 0, "tx-1"));
        sut.Org.PubSub.PublishChange(Spec(sut, 1, "tx-1"));
        sut.Org.PubSub.PublishChange(Spec(sut, 2, transactionKey: null));

        var live = sut.Org.PubSub.Events.TakeLast(3).ToList();
        Assert.Equal(["tx-1", "tx-1"], live.Take(2).Select(e => e.TransactionKey));
        Assert.Equal([1, 2, 1], live.Select(e => e.SequenceNumber));
        Assert.Equal(live[0].CommitNumber, live[1].CommitNumber);
        Assert.True(live[2].CommitNumber > live[1].CommitNumber);
        Assert.NotEqual("tx-1", live[2].TransactionKey);
    }

    [Fact]
    public async Task PublishGapAndOverflow_ChangeEventsChannel_HeaderOnlyEvents()
    {
        await using var sut = await PubSubTestOrg.StartAsync(o => o.KeepAliveInterval = TimeSpan.FromMilliseconds(500));
        var leadIds = sut.Org.Scenario.Leads.Take(2).Select(l => l.Id).ToList();
        using var call = await SubscribedAsync(sut, PubSubTopics.ChangeEvents, 10);

        sut.Org.PubSub.PublishGap("Lead", leadIds, ChangeType.GapUpdate);
        sut.Org.PubSub.PublishOverflow("Opportunity");
        var events = new List<ConsumerEvent>();
        while (events.Count < 2)
        {
            events.AddRange((await PubSubTestOrg.NextAsync(call)).Events);
        }

        var gap = await sut.DecodeAsync(events[0].Event);
        var overflow = await sut.DecodeAsync(events[1].Event);
        Assert.Equal("GAP_UPDATE", ((GenericEnum)PubSubTestOrg.Header(gap)["changeType"]).Value);
        Assert.Equal(leadIds, ((object[])PubSubTestOrg.Header(gap)["recordIds"]).Cast<string>());
        Assert.Null(gap["Status"]);
        Assert.Empty((object[])PubSubTestOrg.Header(gap)["changedFields"]);
        Assert.Equal("GAP_OVERFLOW", ((GenericEnum)PubSubTestOrg.Header(overflow)["changeType"]).Value);
        Assert.Equal("Opportunity", PubSubTestOrg.Header(overflow)["entityName"]);
        Assert.Empty((object[])PubSubTestOrg.Header(overflow)["recordIds"]);
    }

    [Fact]
    public async Task ChangeSchemaNext_LaterEventsCarryNewSchemaWithAddedField()
    {
        await using var sut = await PubSubTestOrg.StartAsync(o => o.KeepAliveInterval = TimeSpan.FromMilliseconds(500));
        var original = (await sut.Client.GetTopicAsync(new TopicRequest { TopicName = PubSubTopics.OpportunityChangeEvent }, sut.Headers)).SchemaId;
        using var call = await SubscribedAsync(sut, PubSubTopics.OpportunityChangeEvent, 10);

        var changed = sut.Org.Faults.PubSub.ChangeSchemaNext("Opportunity");
        sut.Org.PubSub.PublishChange(new ChangeEventSpec
        {
            Entity = "Opportunity",
            RecordIds = [sut.Org.Scenario.Opportunities[0].Id],
            Fields = new Dictionary<string, object?> { ["SimAdded1__c"] = "north" },
        });
        var received = Assert.Single((await NextWithEventsAsync(call)).Events);
        var topic = await sut.Client.GetTopicAsync(new TopicRequest { TopicName = PubSubTopics.OpportunityChangeEvent }, sut.Headers);
        var oldSchema = await sut.Client.GetSchemaAsync(new SchemaRequest { SchemaId = original }, sut.Headers);

        Assert.NotEqual(original, changed);
        Assert.Equal(changed, received.Event.SchemaId);
        Assert.Equal(changed, topic.SchemaId);
        Assert.DoesNotContain("SimAdded1__c", oldSchema.SchemaJson, StringComparison.Ordinal);
        Assert.Equal("north", (await sut.DecodeAsync(received.Event))["SimAdded1__c"]);
    }

    [Fact]
    public async Task PublishChange_UnknownFieldOrEntity_Throws()
    {
        await using var sut = await PubSubTestOrg.StartAsync();

        Assert.Throws<ArgumentException>(() => sut.Org.PubSub.PublishChange(new ChangeEventSpec
        {
            Entity = "Lead",
            RecordIds = ["00Q000000000001AAA"],
            Fields = new Dictionary<string, object?> { ["StageName"] = "x" },
        }));
        Assert.Throws<ArgumentException>(() => sut.Org.PubSub.PublishChange(new ChangeEventSpec { Entity = "Asset", RecordIds = ["02i000000000001AAA"] }));
    }

    /// <summary>A LATEST subscription known to be live: its first keep-alive has arrived, so later events reach it.</summary>
    internal static async Task<AsyncDuplexStreamingCall<FetchRequest, FetchResponse>> SubscribedAsync(PubSubTestOrg sut, string topic, int credit)
    {
        var call = sut.Subscribe();
        await call.RequestStream.WriteAsync(PubSubTestOrg.Fetch(topic, ReplayPreset.Latest, credit));
        Assert.Empty((await PubSubTestOrg.NextAsync(call)).Events);
        return call;
    }

    internal static async Task<FetchResponse> NextWithEventsAsync(AsyncDuplexStreamingCall<FetchRequest, FetchResponse> call)
    {
        while (true)
        {
            var response = await PubSubTestOrg.NextAsync(call);
            if (response.Events.Count > 0)
            {
                return response;
            }
        }
    }

    private static ChangeEventSpec Spec(PubSubTestOrg sut, int opportunity, string? transactionKey) => new()
    {
        Entity = "Opportunity",
        RecordIds = [sut.Org.Scenario.Opportunities[opportunity].Id],
        Fields = new Dictionary<string, object?> { ["Amount"] = 1000 },
        TransactionKey = transactionKey,
    };
}
