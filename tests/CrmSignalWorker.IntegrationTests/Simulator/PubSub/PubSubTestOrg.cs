using Avro.Generic;
using Avro.IO;
using CrmSignalWorker.Salesforce.PubSub.Protocol;
using CrmSignalWorker.Simulator;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Proto = CrmSignalWorker.Salesforce.PubSub.Protocol;

namespace CrmSignalWorker.IntegrationTests.Simulator.PubSub;

/// <summary>A simulated org plus a plain generated gRPC client speaking to its Pub/Sub endpoint, as any client would.</summary>
internal sealed class PubSubTestOrg : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly GrpcChannel _channel;

    private PubSubTestOrg(SimulatedOrg org, string token)
    {
        Org = org;
        Token = token;
        _channel = GrpcChannel.ForAddress(org.PubSubUrl);
        Client = new Proto.PubSub.PubSubClient(_channel);
        Headers = AuthHeaders(token);
    }

    public SimulatedOrg Org { get; }

    public string Token { get; }

    public Proto.PubSub.PubSubClient Client { get; }

    public Metadata Headers { get; }

    /// <summary>A small org whose whole history stays retained, unless <paramref name="configure"/> says otherwise.</summary>
    public static async Task<PubSubTestOrg> StartAsync(Action<SimulatedOrgOptions>? configure = null, TimeProvider? time = null)
    {
        var org = await OrgClient.StartOrgAsync(time, options =>
        {
            options.Opportunities = 40;
            options.Leads = 15;
            options.Accounts = 12;
            options.EventRetention = TimeSpan.FromDays(3650);
            configure?.Invoke(options);
        });
        using var rest = new OrgClient(org);
        return new PubSubTestOrg(org, await rest.GetTokenAsync());
    }

    /// <summary>Every field-history row of every object with change events.</summary>
    public static IEnumerable<SimFieldHistory> AllFieldHistory(Scenario scenario) =>
        scenario.OpportunityFieldHistory.Concat(scenario.LeadHistory).Concat(scenario.AccountHistory).Concat(scenario.ContactHistory)
            .Concat(scenario.CaseHistory).Concat(scenario.DealRegistrationHistory);

    /// <summary>Records of every object with change events (each has one CREATE event).</summary>
    public static int RecordCount(Scenario scenario) =>
        scenario.Opportunities.Count + scenario.Leads.Count + scenario.Accounts.Count + scenario.Contacts.Count + scenario.Cases.Count
        + scenario.DealRegistrations.Count;

    public Metadata AuthHeaders(string token) => new()
    {
        { "accesstoken", token },
        { "instanceurl", Org.BaseUrl.GetLeftPart(UriPartial.Authority) },
        { "tenantid", Org.Scenario.OrganizationId },
    };

    public AsyncDuplexStreamingCall<FetchRequest, FetchResponse> Subscribe() => Client.Subscribe(Headers);

    public static FetchRequest Fetch(string topic, ReplayPreset preset, int requested, byte[]? replayId = null) => new()
    {
        TopicName = topic,
        ReplayPreset = preset,
        NumRequested = requested,
        ReplayId = replayId is null ? ByteString.Empty : ByteString.CopyFrom(replayId),
    };

    /// <summary>The next response, or a failed test when none arrives in time.</summary>
    public static async Task<FetchResponse> NextAsync(AsyncDuplexStreamingCall<FetchRequest, FetchResponse> call, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? Patience);
        Assert.True(await call.ResponseStream.MoveNext(cts.Token), "the stream ended instead of sending a response");
        return call.ResponseStream.Current;
    }

    public static async Task<RpcException> FailureAsync(AsyncDuplexStreamingCall<FetchRequest, FetchResponse> call)
    {
        using var cts = new CancellationTokenSource(Patience);
        return await Assert.ThrowsAsync<RpcException>(async () =>
        {
            while (await call.ResponseStream.MoveNext(cts.Token))
            {
            }
        });
    }

    /// <summary>Decodes a payload with the schema fetched through GetSchema, the way a real client must.</summary>
    public async Task<GenericRecord> DecodeAsync(ProducerEvent producerEvent)
    {
        var info = await Client.GetSchemaAsync(new SchemaRequest { SchemaId = producerEvent.SchemaId }, Headers);
        var schema = Avro.Schema.Parse(info.SchemaJson);
        var reader = new GenericDatumReader<GenericRecord>(schema, schema);
        using var stream = new MemoryStream(producerEvent.Payload.ToByteArray());
        var record = reader.Read(null!, new BinaryDecoder(stream));
        Assert.Equal(stream.Length, stream.Position);
        return record;
    }

    public static GenericRecord Header(GenericRecord record) => (GenericRecord)record["ChangeEventHeader"];

    public static ulong ReplayValue(ByteString replayId)
    {
        Assert.Equal(8, replayId.Length);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(replayId.Span);
    }

    public static void AssertSalesforceError(RpcException error, StatusCode status, string errorCode)
    {
        Assert.Equal(status, error.StatusCode);
        Assert.Equal(errorCode, error.Trailers.GetValue("error-code"));
        Assert.Matches(@"rpcId: [0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", error.Status.Detail);
    }

    public async ValueTask DisposeAsync()
    {
        _channel.Dispose();
        await Org.DisposeAsync();
    }
}
