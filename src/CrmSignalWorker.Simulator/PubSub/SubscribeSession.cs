using CrmSignalWorker.Salesforce.PubSub.Protocol;
using Google.Protobuf;
using Grpc.Core;

namespace CrmSignalWorker.Simulator.PubSub;

/// <summary>
/// One Subscribe call after its first FetchRequest was accepted: pull flow control with credit capped at 100, events in
/// one or more responses, keep-alives while credit waits and the bus is idle, and an idle close when credit stays at 0
/// (facts sheet §1.4). A reader task takes further FetchRequests; only this loop writes responses.
/// </summary>
internal sealed class SubscribeSession
{
    public const int MaxCredit = 100;

    /// <summary>Events per response; smaller than the credit cap so clients meet split batches.</summary>
    public const int MaxEventsPerResponse = 25;

    private readonly Lock _gate = new();
    private readonly ChangeSignal _requests = new();
    private readonly EventBus _bus;
    private readonly PubSubFaults _faults;
    private readonly SimulatedOrgOptions _options;
    private readonly TimeProvider _time;
    private readonly TopicDefinition _topic;
    private readonly string _rpcId;
    private ulong _position;
    private int _credit;
    private DateTimeOffset _lastRequest;
    private RpcException? _failure;
    private int _dropGeneration = -1;
    private int _deliveredSinceDropArmed;

    /// <param name="position">Events strictly after this replay id are delivered.</param>
    public SubscribeSession(
        EventBus bus, PubSubFaults faults, SimulatedOrgOptions options, TimeProvider time, TopicDefinition topic, ulong position, string rpcId)
    {
        _bus = bus;
        _faults = faults;
        _options = options;
        _time = time;
        _topic = topic;
        _position = position;
        _rpcId = rpcId;
    }

    public async Task RunAsync(
        int firstCredit, IAsyncStreamReader<FetchRequest> requests, IServerStreamWriter<FetchResponse> responses, CancellationToken callAborted)
    {
        AddCredit(firstCredit);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(callAborted);
        var reader = ReadRequestsAsync(requests, stop.Token);
        try
        {
            await PumpAsync(responses, callAborted);
        }
        finally
        {
            await stop.CancelAsync();
            await reader;
        }
    }

    private async Task PumpAsync(IServerStreamWriter<FetchResponse> responses, CancellationToken ct)
    {
        var lastSent = _time.GetUtcNow();
        while (true)
        {
            ct.ThrowIfCancellationRequested();

            // Taken before the state is read, so a change in between still wakes the wait below.
            var changed = Task.WhenAny(_requests.Next, _bus.Published.Next, _faults.Changed.Next);
            ThrowIfFailed();
            if (_faults.IsSilenced)
            {
                await changed.WaitAsync(ct);
                continue;
            }

            var dropBudget = DropBudget();
            if (dropBudget == 0)
            {
                throw PubSubErrors.StreamReset();
            }

            var now = _time.GetUtcNow();
            var credit = Credit;
            if (credit == 0)
            {
                var idleDeadline = Later(lastSent, LastRequest) + _options.IdleTimeout;
                if (now >= idleDeadline)
                {
                    return;
                }

                await WaitAsync(changed, idleDeadline - now, ct);
                continue;
            }

            var max = Math.Min(Math.Min(credit, MaxEventsPerResponse), dropBudget ?? int.MaxValue);
            var read = _bus.Read(_topic, _position, max, now, keepAliveDue: now - lastSent >= _options.KeepAliveInterval);
            if (read.Events.Count == 0 && read.KeepAliveReplayId is null)
            {
                await WaitAsync(changed, lastSent + _options.KeepAliveInterval - now, ct);
                continue;
            }

            var response = new FetchResponse { RpcId = _rpcId };
            foreach (var published in read.Events)
            {
                response.Events.Add(new ConsumerEvent
                {
                    Event = new ProducerEvent
                    {
                        Id = published.EventId,
                        SchemaId = published.SchemaId,
                        Payload = ByteString.CopyFrom(published.Payload),
                    },
                    ReplayId = ByteString.CopyFrom(ReplayIds.ToBytes(published.ReplayId)),
                });
            }

            _position = read.Events.Count > 0 ? read.Events[^1].ReplayId : read.KeepAliveReplayId!.Value;
            response.LatestReplayId = ByteString.CopyFrom(ReplayIds.ToBytes(_position));
            response.PendingNumRequested = TakeCredit(read.Events.Count);
            await responses.WriteAsync(response, ct);
            _deliveredSinceDropArmed += read.Events.Count;
            lastSent = _time.GetUtcNow();
        }
    }

    private async Task ReadRequestsAsync(IAsyncStreamReader<FetchRequest> requests, CancellationToken ct)
    {
        try
        {
            while (await requests.MoveNext(ct))
            {
                var request = requests.Current;

                // Only the first request's topic counts; a later one may repeat it or leave it empty.
                if (request.TopicName.Length > 0 && !string.Equals(request.TopicName, _topic.Name, StringComparison.Ordinal))
                {
                    Fail(PubSubErrors.TopicMismatch(_topic.Name, request.TopicName, _rpcId));
                    return;
                }

                if (request.NumRequested <= 0)
                {
                    Fail(PubSubErrors.RequestedEventsInvalid(request.NumRequested, _rpcId));
                    return;
                }

                AddCredit(request.NumRequested);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or InvalidOperationException)
        {
            // The call ended (client gone, or the stream finished on our side); the response loop owns the outcome.
        }
    }

    private int Credit
    {
        get
        {
            lock (_gate)
            {
                return _credit;
            }
        }
    }

    private DateTimeOffset LastRequest
    {
        get
        {
            lock (_gate)
            {
                return _lastRequest;
            }
        }
    }

    /// <summary>Requests add up; more than 100 outstanding is treated as 100.</summary>
    private void AddCredit(int requested)
    {
        lock (_gate)
        {
            _credit = Math.Min(MaxCredit, _credit + requested);
            _lastRequest = _time.GetUtcNow();
        }

        _requests.Fire();
    }

    private int TakeCredit(int delivered)
    {
        lock (_gate)
        {
            _credit -= delivered;
            return _credit;
        }
    }

    private void Fail(RpcException failure)
    {
        lock (_gate)
        {
            _failure ??= failure;
        }

        _requests.Fire();
    }

    private void ThrowIfFailed()
    {
        lock (_gate)
        {
            if (_failure is not null)
            {
                throw _failure;
            }
        }
    }

    /// <summary>Events this stream may still deliver before an injected reset, or null when no drop is armed.</summary>
    private int? DropBudget()
    {
        var (limit, generation) = _faults.DropLimit;
        if (generation != _dropGeneration)
        {
            _dropGeneration = generation;
            _deliveredSinceDropArmed = 0;
        }

        return limit is { } events ? Math.Max(0, events - _deliveredSinceDropArmed) : null;
    }

    private async Task WaitAsync(Task changed, TimeSpan timeout, CancellationToken ct)
    {
        if (timeout <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var delay = Task.Delay(timeout, _time, timer.Token);
        await Task.WhenAny(changed, delay);
        await timer.CancelAsync();
        ct.ThrowIfCancellationRequested();
    }

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
