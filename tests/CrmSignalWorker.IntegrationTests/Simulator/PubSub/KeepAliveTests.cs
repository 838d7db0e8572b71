using CrmSignalWorker.Salesforce.PubSub.Protocol;
using CrmSignalWorker.Simulator.PubSub;

namespace CrmSignalWorker.IntegrationTests.Simulator.PubSub;

public sealed class KeepAliveTests
{
    [Fact]
    public async Task Subscribe_IdleWithCredit_SendsEmptyResponsesWhoseReplayIdMovesAhead()
    {
        await using var sut = await PubSubTestOrg.StartAsync(o => o.KeepAliveInterval = TimeSpan.FromSeconds(1));
        var lastEvent = PubSubTestOrg.ReplayValue(Google.Protobuf.ByteString.CopyFrom(sut.Org.PubSub.Events[^1].ReplayId));
        using var call = sut.Subscribe();
        await call.RequestStream.WriteAsync(PubSubTestOrg.Fetch(PubSubTopics.LeadChangeEvent, ReplayPreset.Latest, 7));

        var first = await PubSubTestOrg.NextAsync(call);
        var second = await PubSubTestOrg.NextAsync(call);

        Assert.Empty(first.Events);
        Assert.Equal(7, first.PendingNumRequested);
        Assert.True(PubSubTestOrg.ReplayValue(first.LatestReplayId) > lastEvent, "a keep-alive's replay id may lie beyond the last event");
        Assert.Empty(second.Events);
        Assert.True(PubSubTestOrg.ReplayValue(second.LatestReplayId) > PubSubTestOrg.ReplayValue(first.LatestReplayId));
        Assert.True(Guid.TryParse(first.RpcId, out _));
    }

    [Fact]
    public async Task Subscribe_CustomFromKeepAliveReplayId_AcceptedAndDeliversLaterEvents()
    {
        await using var sut = await PubSubTestOrg.StartAsync(o => o.KeepAliveInterval = TimeSpan.FromMilliseconds(500));
        byte[] keepAliveId;
        using (var call = sut.Subscribe())
        {
            await call.RequestStream.WriteAsync(PubSubTestOrg.Fetch(PubSubTopics.OpportunityChangeEvent, ReplayPreset.Latest, 5));
            keepAliveId = (await PubSubTestOrg.NextAsync(call)).LatestReplayId.ToByteArray();
        }

        var published = sut.Org.PubSub.PublishChange(new ChangeEventSpec
        {
            Entity = "Opportunity",
            RecordIds = [sut.Org.Scenario.Opportunities[0].Id],
            Fields = new Dictionary<string, object?> { ["StageName"] = "Closed Won" },
        });
        using var resumed = sut.Subscribe();
        await resumed.RequestStream.WriteAsync(PubSubTestOrg.Fetch(PubSubTopics.OpportunityChangeEvent, ReplayPreset.Custom, 5, keepAliveId));
        var response = await PubSubTestOrg.NextAsync(resumed);

        Assert.Equal(published, Assert.Single(response.Events).ReplayId.ToByteArray());
    }
}
