using Grpc.Core;
using CrmSignalWorker.Salesforce.PubSub.Protocol;
using PubSubClient = CrmSignalWorker.Salesforce.PubSub.Protocol.PubSub.PubSubClient;

namespace CrmSignalWorker.Salesforce.PubSub;

/// <summary>What one read of the response stream produced.</summary>
/// <param name="Response">The next response; null when the stream ended or went silent.</param>
/// <param name="IsSilent">No response arrived within the silence timeout; the call has been cancelled.</param>
internal readonly record struct StreamRead(FetchResponse? Response, bool IsSilent);

/// <summary>
/// One Subscribe call: sends the opening request with the replay position and credit, reads responses under a
/// silence watchdog, and grants more credit when the server reports none outstanding. Disposing cancels the call.
/// </summary>
internal sealed class PubSubStreamCall : IDisposable
{
    private readonly AsyncDuplexStreamingCall<FetchRequest, FetchResponse> _call;
    private readonly string _topic;
    private readonly int _batchSize;
    private readonly TimeSpan _silenceTimeout;
    private readonly TimeProvider _timeProvider;

    private PubSubStreamCall(AsyncDuplexStreamingCall<FetchRequest, FetchResponse> call, string topic, int batchSize, TimeSpan silenceTimeout, TimeProvider timeProvider)
    {
        _call = call;
        _topic = topic;
        _batchSize = batchSize;
        _silenceTimeout = silenceTimeout;
        _timeProvider = timeProvider;
    }

    public static async Task<PubSubStreamCall> OpenAsync(
        PubSubClient client, string topic, ReplayStart start, PubSubOptions options, PubSubAuthorization authorization, TimeProvider timeProvider, CancellationToken ct)
    {
        // Long-lived stream: no deadline; the silence watchdog and the caller's token end it.
        var call = client.Subscribe(authorization.Headers, deadline: null, ct);
        var stream = new PubSubStreamCall(call, topic, options.BatchSize, options.SilenceTimeout, timeProvider);
        try
        {
            var first = new FetchRequest { TopicName = topic, ReplayPreset = start.Preset, NumRequested = options.BatchSize };
            if (start.Preset == ReplayPreset.Custom)
            {
                first.ReplayId = Google.Protobuf.ByteString.CopyFrom(start.ReplayIdSpan);
            }

            await call.RequestStream.WriteAsync(first, ct);
            return stream;
        }
        catch (Exception ex) when (IsCallCompleted(ex, ct))
        {
            // The server ended the call before reading the request (a refused token, say); the first read surfaces its status.
            return stream;
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>The next response, or <see cref="StreamRead.IsSilent"/> when the server sent nothing for the silence timeout.</summary>
    public async Task<StreamRead> ReadAsync(CancellationToken ct)
    {
        using var silence = new CancellationTokenSource(_silenceTimeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, silence.Token);
        try
        {
            return await _call.ResponseStream.MoveNext(linked.Token)
                ? new StreamRead(_call.ResponseStream.Current, IsSilent: false)
                : new StreamRead(null, IsSilent: false);
        }
        catch (Exception ex) when (IsCancellation(ex) && silence.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            return new StreamRead(null, IsSilent: true);
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.Cancelled && ct.IsCancellationRequested)
        {
            throw new OperationCanceledException("The subscription was cancelled.", ex, ct);
        }
    }

    /// <summary>Asks for another batch once the server reports no credit left, so delivery never stalls on us.</summary>
    /// <returns>True when a request was sent.</returns>
    public async Task<bool> GrantCreditIfExhaustedAsync(int pendingNumRequested, CancellationToken ct)
    {
        if (pendingNumRequested > 0)
        {
            return false;
        }

        try
        {
            await _call.RequestStream.WriteAsync(new FetchRequest { TopicName = _topic, NumRequested = _batchSize }, ct);
            return true;
        }
        catch (Exception ex) when (IsCallCompleted(ex, ct))
        {
            // The call already completed; the next read surfaces its status.
            return false;
        }
    }

    public void Dispose() => _call.Dispose();

    /// <summary>
    /// A write to a call the server has already ended fails with InvalidOperationException or, when the end races the
    /// write, with a cancellation the caller never asked for (grpc-dotnet reports the call's status only if it has it).
    /// </summary>
    private static bool IsCallCompleted(Exception exception, CancellationToken ct) =>
        exception is InvalidOperationException || (exception is OperationCanceledException && !ct.IsCancellationRequested);

    private static bool IsCancellation(Exception exception) =>
        exception is OperationCanceledException || exception is RpcException { StatusCode: StatusCode.Cancelled };
}
