using CrmSignalWorker.Salesforce.PubSub.Protocol;
using Grpc.Core;
using Proto = CrmSignalWorker.Salesforce.PubSub.Protocol;

namespace CrmSignalWorker.Simulator.PubSub;

/// <summary>
/// The org's <c>eventbus.v1.PubSub</c> service: GetTopic, GetSchema and Subscribe, for change-event channels and the
/// <c>Workflow_Event__e</c> platform-event channel alike. Publish, PublishStream and ManagedSubscribe are left to the
/// generated base, which answers Unimplemented: the worker only reads, and does not use managed subscriptions.
/// </summary>
internal sealed class PubSubService(
    EventBus bus,
    SchemaRegistry schemas,
    PubSubAuthenticator authenticator,
    FaultInjector faults,
    Scenario scenario,
    SimulatedOrgOptions options,
    TimeProvider time) : Proto.PubSub.PubSubBase
{
    public override Task<TopicInfo> GetTopic(TopicRequest request, ServerCallContext context)
    {
        var rpcId = NewRpcId();
        authenticator.Authenticate(context, rpcId);
        var topic = FindTopic(request.TopicName, rpcId);

        // /data/ChangeEvents mixes entities; it reports the first entity's schema, and each event names its own.
        // Publishing is not served on any channel, platform events included.
        return Task.FromResult(new TopicInfo
        {
            TopicName = topic.Name,
            TenantGuid = scenario.OrganizationId,
            CanPublish = false,
            CanSubscribe = true,
            SchemaId = schemas.CurrentSchemaId(topic.Entities[0]),
            RpcId = rpcId,
        });
    }

    public override Task<SchemaInfo> GetSchema(SchemaRequest request, ServerCallContext context)
    {
        var rpcId = NewRpcId();
        authenticator.Authenticate(context, rpcId);
        if (!schemas.TryGetJson(request.SchemaId, out var json))
        {
            throw PubSubErrors.SchemaNotFound(request.SchemaId, rpcId);
        }

        return Task.FromResult(new SchemaInfo { SchemaJson = json, SchemaId = request.SchemaId, RpcId = rpcId });
    }

    public override async Task Subscribe(
        IAsyncStreamReader<FetchRequest> requestStream, IServerStreamWriter<FetchResponse> responseStream, ServerCallContext context)
    {
        var rpcId = NewRpcId();
        authenticator.Authenticate(context, rpcId);
        if (!await requestStream.MoveNext(context.CancellationToken))
        {
            return;
        }

        var first = requestStream.Current;
        if (faults.PubSub.TryTakeSubscribeFailure(out var injected))
        {
            throw PubSubErrors.Create(injected.Status, injected.ErrorCode, injected.Message, rpcId);
        }

        var topic = FindTopic(first.TopicName, rpcId);
        var start = StartPosition(first, rpcId);
        if (first.NumRequested <= 0)
        {
            throw PubSubErrors.RequestedEventsInvalid(first.NumRequested, rpcId);
        }

        var session = new SubscribeSession(bus, faults.PubSub, options, time, topic, start, rpcId);
        await session.RunAsync(first.NumRequested, requestStream, responseStream, context.CancellationToken);
    }

    /// <summary>LATEST: the bus tip now. EARLIEST: before the oldest retained event. CUSTOM: strictly after a valid id.</summary>
    private ulong StartPosition(FetchRequest first, string rpcId)
    {
        switch (first.ReplayPreset)
        {
            case ReplayPreset.Earliest:
                return 0;
            case ReplayPreset.Custom when first.ReplayId.IsEmpty:
                throw PubSubErrors.ReplayIdMissing(rpcId);
            case ReplayPreset.Custom:
                if (!ReplayIds.TryParse(first.ReplayId.Span, out var replayId) || bus.Check(replayId, time.GetUtcNow()) != ReplayCheck.Valid)
                {
                    throw PubSubErrors.ReplayIdCorrupted(rpcId);
                }

                return replayId;
            default:
                return bus.Tip;
        }
    }

    private TopicDefinition FindTopic(string name, string rpcId)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw PubSubErrors.TopicNameEmpty(rpcId);
        }

        return TopicDefinition.TryFind(name, out var topic)
            ? topic
            : throw PubSubErrors.TopicNotFound(name, scenario.OrganizationId, rpcId);
    }

    // Random on purpose: rpc ids identify calls, which differ run to run; events and replay ids stay deterministic.
    private static string NewRpcId() => Guid.NewGuid().ToString("D");
}
