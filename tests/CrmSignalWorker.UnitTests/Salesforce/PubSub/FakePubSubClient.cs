using System.Collections.Concurrent;
using System.Threading.Channels;
using CrmSignalWorker.Salesforce.PubSub.Protocol;
using Grpc.Core;
using PubSubClient = CrmSignalWorker.Salesforce.PubSub.Protocol.PubSub.PubSubClient;

namespace CrmSignalWorker.UnitTests.Salesforce.PubSub;

/// <summary>
/// A scripted Pub/Sub server in memory: each Subscribe call takes the next prepared <see cref="FakeSubscribeCall"/>
/// (a silent one when none is left), and GetSchema serves the Account test schema.
/// </summary>
internal sealed class FakePubSubClient : PubSubClient
{
    private readonly ConcurrentQueue<FakeSubscribeCall> _prepared = new();
    private readonly ConcurrentQueue<FakeSubscribeCall> _opened = new();

    public IReadOnlyList<FakeSubscribeCall> Opened => [.. _opened];

    public int SchemaRequests;

    public FakeSubscribeCall Prepare()
    {
        var call = new FakeSubscribeCall();
        _prepared.Enqueue(call);
        return call;
    }

    public override AsyncDuplexStreamingCall<FetchRequest, FetchResponse> Subscribe(CallOptions options)
    {
        var call = _prepared.TryDequeue(out var prepared) ? prepared : new FakeSubscribeCall();
        call.Headers = options.Headers;
        _opened.Enqueue(call);
        return new AsyncDuplexStreamingCall<FetchRequest, FetchResponse>(
            call, call, Task.FromResult(new Metadata()), () => Status.DefaultSuccess, () => [], call.Dispose);
    }

    public override AsyncUnaryCall<SchemaInfo> GetSchemaAsync(SchemaRequest request, CallOptions options)
    {
        Interlocked.Increment(ref SchemaRequests);
        var info = new SchemaInfo { SchemaId = request.SchemaId, SchemaJson = AccountChangeEventSchema.Json, RpcId = "rpc-schema" };
        return new AsyncUnaryCall<SchemaInfo>(Task.FromResult(info), Task.FromResult(new Metadata()), () => Status.DefaultSuccess, () => [], () => { });
    }
}

/// <summary>One scripted Subscribe call: records the client's requests and plays the responses or failure the test pushes.</summary>
internal sealed class FakeSubscribeCall : IClientStreamWriter<FetchRequest>, IAsyncStreamReader<FetchResponse>
{
    private readonly Channel<object> _responses = Channel.CreateUnbounded<object>();
    private readonly ConcurrentQueue<FetchRequest> _requests = new();

    public Metadata? Headers { get; set; }

    public IReadOnlyList<FetchRequest> Requests => [.. _requests];

    public bool IsDisposed { get; private set; }

    public FetchResponse Current { get; private set; } = new();

    public WriteOptions? WriteOptions { get; set; }

    public void Respond(FetchResponse response) => _responses.Writer.TryWrite(response);

    public void Fail(RpcException failure) => _responses.Writer.TryWrite(failure);

    public async Task<bool> MoveNext(CancellationToken cancellationToken)
    {
        if (!await _responses.Reader.WaitToReadAsync(cancellationToken))
        {
            return false;
        }

        var next = await _responses.Reader.ReadAsync(cancellationToken);
        if (next is RpcException failure)
        {
            throw failure;
        }

        Current = (FetchResponse)next;
        return true;
    }

    public Task WriteAsync(FetchRequest message) => WriteAsync(message, CancellationToken.None);

    public Task WriteAsync(FetchRequest message, CancellationToken cancellationToken)
    {
        _requests.Enqueue(message);
        return Task.CompletedTask;
    }

    public Task CompleteAsync() => Task.CompletedTask;

    public void Dispose()
    {
        IsDisposed = true;
        _responses.Writer.TryComplete();
    }
}
