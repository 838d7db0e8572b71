using CrmSignalWorker.Salesforce.PubSub.Protocol;
using CrmSignalWorker.Simulator.PubSub;
using Grpc.Core;

namespace CrmSignalWorker.IntegrationTests.Simulator.PubSub;

public sealed class PubSubAuthTests
{
    [Fact]
    public async Task GetTopic_NoMetadata_UnauthenticatedWithAuthErrorTrailer()
    {
        await using var sut = await PubSubTestOrg.StartAsync();

        var error = await Assert.ThrowsAsync<RpcException>(
            () => sut.Client.GetTopicAsync(new TopicRequest { TopicName = PubSubTopics.OpportunityChangeEvent }).ResponseAsync);

        PubSubTestOrg.AssertSalesforceError(error, StatusCode.Unauthenticated, PubSubErrorCodes.AuthError);
        Assert.Equal(error.Status.Detail[^36..], error.Trailers.GetValue("rpc-id"));
    }

    [Fact]
    public async Task Subscribe_UnknownToken_FailsBeforeAnyResponse()
    {
        await using var sut = await PubSubTestOrg.StartAsync();
        using var call = sut.Client.Subscribe(sut.AuthHeaders("00D000000000001!AQnot-a-real-token"));

        var error = await PubSubTestOrg.FailureAsync(call);

        PubSubTestOrg.AssertSalesforceError(error, StatusCode.Unauthenticated, PubSubErrorCodes.AuthError);
    }

    [Fact]
    public async Task GetSchema_RevokedToken_RejectedUntilANewTokenIsUsed()
    {
        await using var sut = await PubSubTestOrg.StartAsync();
        var schemaId = sut.Org.PubSub.CurrentSchemaId("Lead");
        sut.Org.Faults.ExpireAllTokens();

        var error = await Assert.ThrowsAsync<RpcException>(
            () => sut.Client.GetSchemaAsync(new SchemaRequest { SchemaId = schemaId }, sut.Headers).ResponseAsync);
        using var rest = new OrgClient(sut.Org);
        var fresh = await sut.Client.GetSchemaAsync(new SchemaRequest { SchemaId = schemaId }, sut.AuthHeaders(await rest.GetTokenAsync()));

        PubSubTestOrg.AssertSalesforceError(error, StatusCode.Unauthenticated, PubSubErrorCodes.AuthError);
        Assert.Equal(schemaId, fresh.SchemaId);
    }

    [Theory]
    [InlineData("tenantid", "00D000000000002AAA")]
    [InlineData("tenantid", null)]
    [InlineData("instanceurl", "https://other.my.salesforce.com")]
    [InlineData("instanceurl", null)]
    public async Task GetTopic_WrongOrMissingOrgHeader_Unauthenticated(string key, string? value)
    {
        await using var sut = await PubSubTestOrg.StartAsync();
        var headers = new Metadata();
        foreach (var entry in sut.Headers.Where(e => e.Key != key))
        {
            headers.Add(entry.Key, entry.Value);
        }

        if (value is not null)
        {
            headers.Add(key, value);
        }

        var error = await Assert.ThrowsAsync<RpcException>(
            () => sut.Client.GetTopicAsync(new TopicRequest { TopicName = PubSubTopics.LeadChangeEvent }, headers).ResponseAsync);

        PubSubTestOrg.AssertSalesforceError(error, StatusCode.Unauthenticated, PubSubErrorCodes.AuthError);
    }

    [Fact]
    public async Task GetTopic_FifteenCharacterTenantId_Accepted()
    {
        await using var sut = await PubSubTestOrg.StartAsync();
        var headers = new Metadata
        {
            { "accesstoken", sut.Token },
            { "instanceurl", sut.Org.BaseUrl.ToString() },
            { "tenantid", sut.Org.Scenario.OrganizationId[..15] },
        };

        var topic = await sut.Client.GetTopicAsync(new TopicRequest { TopicName = PubSubTopics.LeadChangeEvent }, headers);

        Assert.True(topic.CanSubscribe);
    }
}
