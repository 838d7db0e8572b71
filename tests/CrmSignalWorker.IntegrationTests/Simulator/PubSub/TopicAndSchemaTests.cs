using System.Text.Json;
using CrmSignalWorker.Salesforce.PubSub.Protocol;
using CrmSignalWorker.Simulator.PubSub;
using Grpc.Core;

namespace CrmSignalWorker.IntegrationTests.Simulator.PubSub;

public sealed class TopicAndSchemaTests
{
    [Theory]
    [InlineData(PubSubTopics.OpportunityChangeEvent, "Opportunity")]
    [InlineData(PubSubTopics.LeadChangeEvent, "Lead")]
    [InlineData(PubSubTopics.ChangeEvents, "Opportunity")]
    public async Task GetTopic_ChangeEventChannel_SubscribableNotPublishable(string topicName, string schemaEntity)
    {
        await using var sut = await PubSubTestOrg.StartAsync();

        var topic = await sut.Client.GetTopicAsync(new TopicRequest { TopicName = topicName }, sut.Headers);

        Assert.Equal(topicName, topic.TopicName);
        Assert.True(topic.CanSubscribe);
        Assert.False(topic.CanPublish);
        Assert.Equal(sut.Org.Scenario.OrganizationId, topic.TenantGuid);
        Assert.Equal(sut.Org.PubSub.CurrentSchemaId(schemaEntity), topic.SchemaId);
        Assert.Matches("^[A-Za-z0-9_-]{22}$", topic.SchemaId);
        Assert.True(Guid.TryParse(topic.RpcId, out _));
    }

    [Theory]
    [InlineData("/data/AssetChangeEvent")]
    [InlineData("/data/opportunitychangeevent")]
    public async Task GetTopic_UnknownOrMiscasedTopic_NotFound(string topicName)
    {
        await using var sut = await PubSubTestOrg.StartAsync();

        var error = await Assert.ThrowsAsync<RpcException>(
            () => sut.Client.GetTopicAsync(new TopicRequest { TopicName = topicName }, sut.Headers).ResponseAsync);

        PubSubTestOrg.AssertSalesforceError(error, StatusCode.NotFound, PubSubErrorCodes.TopicNotFound);
        Assert.Contains(topicName, error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetSchema_TopicSchemaId_ReturnsParsableChangeEventSchema()
    {
        await using var sut = await PubSubTestOrg.StartAsync();
        var topic = await sut.Client.GetTopicAsync(new TopicRequest { TopicName = PubSubTopics.LeadChangeEvent }, sut.Headers);

        var info = await sut.Client.GetSchemaAsync(new SchemaRequest { SchemaId = topic.SchemaId }, sut.Headers);

        Assert.Equal(topic.SchemaId, info.SchemaId);
        var schema = (Avro.RecordSchema)Avro.Schema.Parse(info.SchemaJson);
        Assert.Equal("com.sforce.eventbus.LeadChangeEvent", schema.Fullname);
        Assert.Equal("ChangeEventHeader", schema.Fields[0].Name);
        var changeType = (Avro.EnumSchema)((Avro.RecordSchema)schema.Fields[0].Schema)["changeType"].Schema;
        Assert.Equal(0, changeType.Ordinal("CREATE"));
        Assert.Equal(1, changeType.Ordinal("UPDATE"));
        Assert.Equal(8, changeType.Ordinal("GAP_OVERFLOW"));
        using var json = JsonDocument.Parse(info.SchemaJson);
        Assert.Equal(JsonValueKind.Object, json.RootElement.ValueKind);
    }

    [Fact]
    public async Task GetSchema_UnknownId_InvalidArgumentWithCode()
    {
        await using var sut = await PubSubTestOrg.StartAsync();

        var error = await Assert.ThrowsAsync<RpcException>(
            () => sut.Client.GetSchemaAsync(new SchemaRequest { SchemaId = "vjfSL_rX8hSnqyn0Yla8Zw" }, sut.Headers).ResponseAsync);

        PubSubTestOrg.AssertSalesforceError(error, StatusCode.InvalidArgument, PubSubErrorCodes.SchemaValidationFailed);
    }
}
