using Avro.Generic;
using CrmSignalWorker.Salesforce.PubSub.Protocol;
using CrmSignalWorker.Simulator;
using CrmSignalWorker.Simulator.PubSub;
using Grpc.Core;

namespace CrmSignalWorker.IntegrationTests.Simulator.PubSub;

public sealed class WorkflowEventTests
{
    [Fact]
    public async Task GetTopicAndSchema_WorkflowEventChannel_ServesPlatformEventSchema()
    {
        await using var sut = await PubSubTestOrg.StartAsync();

        var topic = await sut.Client.GetTopicAsync(new TopicRequest { TopicName = PubSubTopics.WorkflowEvent }, sut.Headers);
        var schema = await sut.Client.GetSchemaAsync(new SchemaRequest { SchemaId = topic.SchemaId }, sut.Headers);

        Assert.Equal("/event/Workflow_Event__e", topic.TopicName);
        Assert.True(topic.CanSubscribe);
        Assert.Equal(sut.Org.PubSub.CurrentSchemaId("Workflow_Event__e"), topic.SchemaId);
        var parsed = (Avro.RecordSchema)Avro.Schema.Parse(schema.SchemaJson);
        Assert.Equal("com.sforce.eventbus.Workflow_Event__e", parsed.Fullname);
        Assert.Equal("Correlation_Id__c", parsed.Fields[11].Name);
    }

    [Fact]
    public async Task Subscribe_EarliestOnWorkflowChannel_ReceivesExactlyTheScenarioWorkflowEventsInOrder()
    {
        await using var sut = await PubSubTestOrg.StartAsync();
        var expected = sut.Org.Scenario.WorkflowEvents;
        Assert.NotEmpty(expected);

        var received = await ReadAsync(sut, ReplayPreset.Earliest, replayId: null, expected.Count);

        Assert.Equal(expected.Count, received.Count);
        Assert.Equal(sut.Org.PubSub.WorkflowEvents.Select(e => e.ReplayId), received.Select(e => e.ReplayId.ToByteArray()));
        for (var i = 0; i < expected.Count; i++)
        {
            var record = await sut.DecodeAsync(received[i].Event);
            Assert.Equal(expected[i].EventUuid, record["EventUuid"]);
            Assert.Equal(expected[i].RecordId, record["Record_Id__c"]);
            Assert.Equal(expected[i].EventType, record["Event_Type__c"]);
            Assert.Equal(expected[i].CorrelationId, record["Correlation_Id__c"]);
            Assert.Equal(expected[i].AutomationId, record["Automation_Id__c"]);
            Assert.Equal(sut.Org.Scenario.AutomatedProcessUserId, record["CreatedById"]);
            Assert.Equal(expected[i].CreatedDate.ToUnixTimeMilliseconds(), record["CreatedDate"]);
        }

        // Each correlation id names a change event of the same record committed in the same transaction.
        var changes = sut.Org.PubSub.Events;
        Assert.All(expected, e => Assert.Contains(changes, c => c.TransactionKey == e.CorrelationId && c.RecordIds.Contains(e.RecordId)));
    }

    [Fact]
    public async Task Subscribe_CustomReplayOnWorkflowChannel_ResumesStrictlyAfterTheId()
    {
        await using var sut = await PubSubTestOrg.StartAsync();
        var published = sut.Org.PubSub.WorkflowEvents;

        var received = await ReadAsync(sut, ReplayPreset.Custom, published[0].ReplayId, published.Count - 1);

        Assert.Equal(published.Skip(1).Select(e => e.ReplayId), received.Select(e => e.ReplayId.ToByteArray()));
    }

    [Fact]
    public async Task PublishWorkflowEvent_LatestSubscriber_ReceivesItAndCorrelatedChangeSharesTheTransaction()
    {
        await using var sut = await PubSubTestOrg.StartAsync(o => o.KeepAliveInterval = TimeSpan.FromMilliseconds(500));
        var lead = sut.Org.Scenario.Leads[0];
        using var call = await LivePublishTests.SubscribedAsync(sut, PubSubTopics.WorkflowEvent, 10);

        var published = sut.Org.PubSub.PublishWorkflowEvent(new WorkflowEventSpec
        {
            RecordId = lead.Id,
            ObjectName = "Lead",
            EventType = WorkflowEventTypes.Handoff,
            OwnerBefore = lead.CreatedById,
            OwnerAfter = lead.OwnerId,
            AutomationId = "Lead_Routing_Flow",
        });
        sut.Org.PubSub.PublishChange(new ChangeEventSpec
        {
            Entity = "Lead",
            RecordIds = [lead.Id],
            Fields = new Dictionary<string, object?> { ["OwnerId"] = lead.OwnerId },
            CommitUser = sut.Org.Scenario.AutomatedProcessUserId,
            TransactionKey = published.Event.CorrelationId,
        });
        var received = Assert.Single((await LivePublishTests.NextWithEventsAsync(call)).Events);

        Assert.Equal(published.ReplayId, received.ReplayId.ToByteArray());
        var record = await sut.DecodeAsync(received.Event);
        Assert.Equal("handoff", record["Event_Type__c"]);
        Assert.Equal(lead.OwnerId, record["Owner_After__c"]);
        Assert.Equal(sut.Org.Scenario.AutomatedProcessUserId, record["CreatedById"]);
        Assert.Equal(published.Event.CorrelationId, record["Correlation_Id__c"]);
        var change = sut.Org.PubSub.Events[^1];
        Assert.Equal(published.Event.CorrelationId, change.TransactionKey);
        Assert.Equal(1, change.SequenceNumber);
        Assert.Equal(published.Event, sut.Org.PubSub.WorkflowEvents[^1].Event);
    }

    [Fact]
    public async Task Subscribe_ChangeEventsChannel_CarriesNoWorkflowEvents()
    {
        await using var sut = await PubSubTestOrg.StartAsync(o => o.KeepAliveInterval = TimeSpan.FromMilliseconds(500));
        using var call = await LivePublishTests.SubscribedAsync(sut, PubSubTopics.ChangeEvents, 10);

        sut.Org.PubSub.PublishWorkflowEvent(new WorkflowEventSpec { RecordId = "00Q000000000001AAA", ObjectName = "Lead", EventType = WorkflowEventTypes.Notification });
        var change = sut.Org.PubSub.PublishChange(new ChangeEventSpec
        {
            Entity = "Lead",
            RecordIds = [sut.Org.Scenario.Leads[0].Id],
            Fields = new Dictionary<string, object?> { ["Status"] = "Working - Contacted" },
        });

        var received = Assert.Single((await LivePublishTests.NextWithEventsAsync(call)).Events);
        Assert.Equal(change, received.ReplayId.ToByteArray());
        Assert.Throws<ArgumentException>(() => sut.Org.PubSub.PublishWorkflowEvent(new WorkflowEventSpec { RecordId = "", ObjectName = "Lead", EventType = "handoff" }));
    }

    private static async Task<List<ConsumerEvent>> ReadAsync(PubSubTestOrg sut, ReplayPreset preset, byte[]? replayId, int count)
    {
        using var call = sut.Subscribe();
        await call.RequestStream.WriteAsync(PubSubTestOrg.Fetch(PubSubTopics.WorkflowEvent, preset, 100, replayId));
        var events = new List<ConsumerEvent>();
        while (events.Count < count)
        {
            var response = await PubSubTestOrg.NextAsync(call);
            Assert.NotEmpty(response.Events);
            events.AddRange(response.Events);
            if (response.PendingNumRequested == 0)
            {
                await call.RequestStream.WriteAsync(new FetchRequest { NumRequested = 100 });
            }
        }

        return events;
    }
}
