using System.Runtime.CompilerServices;
using Avro;
using CrmSignalWorker.Core.Changes;
using CrmSignalWorker.Salesforce.Auth;
using CrmSignalWorker.Salesforce.PubSub.Protocol;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PubSubClient = CrmSignalWorker.Salesforce.PubSub.Protocol.PubSub.PubSubClient;

namespace CrmSignalWorker.Salesforce.PubSub;

/// <summary>
/// Streams decoded change events of one topic with flow control, and keeps the stream alive across the failures a
/// long-lived gRPC call meets: a silent (half-open) stream, transient errors and an expired token each lead to a new
/// Subscribe call from the last replay id, so the caller sees neither a gap nor a repeat. Failures resubscribing cannot
/// fix are thrown: <see cref="ReplayIdRejectedException"/>, <see cref="SubscriptionLimitExceededException"/>,
/// <see cref="PubSubException"/>, and <see cref="ChangeEventDecodingException"/> for an undecodable event.
/// </summary>
/// <remarks>
/// One instance drives one stream at a time: create one per topic. <see cref="LatestReplayId"/> is safe to checkpoint
/// from another thread at any time; it covers only events the caller has finished with.
/// </remarks>
public sealed class PubSubSubscriber(
    PubSubClient client,
    PubSubCallCredentials credentials,
    SchemaCache schemas,
    ChangeEventDecoder decoder,
    IOptions<PubSubOptions> options,
    TimeProvider timeProvider,
    ILogger<PubSubSubscriber> logger)
{
    private int _active;
    private byte[]? _latestReplayId;
    private int _silenceTimeouts;
    private int _resubscriptions;

    /// <summary>
    /// The replay id to resume after: the last event the caller has finished with (it advances when the caller asks
    /// for the next event), or a newer position from a keep-alive. Null until the stream has reported one.
    /// </summary>
    public byte[]? LatestReplayId => Volatile.Read(ref _latestReplayId)?.ToArray();

    /// <summary>Streams torn down because nothing, not even a keep-alive, arrived within the silence timeout.</summary>
    public int SilenceTimeouts => Volatile.Read(ref _silenceTimeouts);

    /// <summary>New Subscribe calls made after the first, for any reason.</summary>
    public int Resubscriptions => Volatile.Read(ref _resubscriptions);

    /// <summary>Events of <paramref name="topic"/> from <paramref name="start"/>, until <paramref name="ct"/> is cancelled.</summary>
    public async IAsyncEnumerable<ChangeEvent> SubscribeAsync(string topic, ReplayStart start, [EnumeratorCancellation] CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ArgumentNullException.ThrowIfNull(start);
        if (Interlocked.Exchange(ref _active, 1) == 1)
        {
            throw new InvalidOperationException("This PubSubSubscriber is already streaming; create one subscriber per topic.");
        }

        try
        {
            var settings = options.Value;
            Volatile.Write(ref _latestReplayId, start.ReplayId);
            var failures = 0;
            var reauthenticated = false;
            while (true)
            {
                var from = ResumePoint(start);
                logger.Subscribing(topic, from.ToString());
                PubSubAuthorization? authorization = null;
                PubSubStreamCall? call = null;
                Exception? failure = null;
                var silent = false;
                try
                {
                    authorization = await credentials.AuthorizeAsync(ct);
                    call = await PubSubStreamCall.OpenAsync(client, topic, from, settings, authorization, timeProvider, ct);
                }
                catch (Exception ex) when (IsStreamFailure(ex, ct))
                {
                    failure = ex;
                }

                if (call is not null)
                {
                    using (call)
                    {
                        while (failure is null)
                        {
                            StreamRead read;
                            try
                            {
                                read = await call.ReadAsync(ct);
                            }
                            catch (Exception ex) when (IsStreamFailure(ex, ct))
                            {
                                failure = ex;
                                break;
                            }

                            if (read.Response is not { } response)
                            {
                                silent = read.IsSilent;
                                break;
                            }

                            failures = 0;
                            reauthenticated = false;
                            if (response.Events.Count == 0)
                            {
                                KeepAlive(topic, response);
                            }

                            foreach (var consumerEvent in response.Events)
                            {
                                ChangeEvent decoded;
                                try
                                {
                                    decoded = await DecodeAsync(consumerEvent, topic, ct);
                                }
                                catch (Exception ex) when (IsStreamFailure(ex, ct))
                                {
                                    failure = ex;
                                    break;
                                }

                                yield return decoded;

                                // The caller asked for the next event, so it is done with this one.
                                Volatile.Write(ref _latestReplayId, decoded.ReplayId);
                            }

                            if (failure is null)
                            {
                                try
                                {
                                    if (await call.GrantCreditIfExhaustedAsync(response.PendingNumRequested, ct))
                                    {
                                        logger.CreditGranted(topic, settings.BatchSize);
                                    }
                                }
                                catch (Exception ex) when (IsStreamFailure(ex, ct))
                                {
                                    failure = ex;
                                }
                            }
                        }
                    }
                }

                ct.ThrowIfCancellationRequested();
                var delay = PlanResubscribe(topic, from, failure, silent, authorization, ref failures, ref reauthenticated);
                Interlocked.Increment(ref _resubscriptions);
                if (delay > TimeSpan.Zero)
                {
                    await Task.Delay(delay, timeProvider, ct);
                }
            }
        }
        finally
        {
            Volatile.Write(ref _active, 0);
        }
    }

    private ReplayStart ResumePoint(ReplayStart start) =>
        Volatile.Read(ref _latestReplayId) is { Length: > 0 } latest ? ReplayStart.After(latest) : start;

    private void KeepAlive(string topic, FetchResponse response)
    {
        if (response.LatestReplayId.IsEmpty)
        {
            return;
        }

        var latest = response.LatestReplayId.ToByteArray();
        Volatile.Write(ref _latestReplayId, latest);
        logger.KeepAliveReceived(topic, ReplayId.Format(latest));
    }

    private async Task<ChangeEvent> DecodeAsync(ConsumerEvent consumerEvent, string topic, CancellationToken ct)
    {
        var producerEvent = consumerEvent.Event ?? new ProducerEvent();
        if (string.IsNullOrEmpty(producerEvent.SchemaId))
        {
            throw new ChangeEventDecodingException(topic, producerEvent.Id, "", consumerEvent.ReplayId.ToByteArray(), "the event names no schema id");
        }

        RecordSchema schema;
        try
        {
            schema = await schemas.GetSchemaAsync(producerEvent.SchemaId, ct);
        }
        catch (AvroException ex)
        {
            throw new ChangeEventDecodingException(topic, producerEvent.Id, producerEvent.SchemaId, consumerEvent.ReplayId.ToByteArray(), "unusable schema: " + ex.Message, ex);
        }

        return decoder.Decode(consumerEvent, topic, schema);
    }

    /// <summary>Decides how to go on after a stream ended: throws when resubscribing cannot help, else returns the wait.</summary>
    private TimeSpan PlanResubscribe(
        string topic, ReplayStart from, Exception? failure, bool silent, PubSubAuthorization? authorization, ref int failures, ref bool reauthenticated)
    {
        var settings = options.Value;
        var resumeAfter = ReplayId.Format(Volatile.Read(ref _latestReplayId));
        if (silent)
        {
            Interlocked.Increment(ref _silenceTimeouts);
            logger.StreamSilent(topic, settings.SilenceTimeout, resumeAfter);
        }
        else if (failure is RpcException rpc)
        {
            var cause = PubSubFailure.Of(rpc, authorization);
            var message = $"Pub/Sub subscription to {topic} ({from}) failed with {cause.Describe()}: {cause.Detail}";
            switch (cause.Kind)
            {
                case PubSubFailureKind.ReplayIdRejected:
                    logger.ReplayIdRejected(topic, from.ToString(), cause.ErrorCode, cause.RpcId);
                    throw new ReplayIdRejectedException(topic, from.ReplayId, message, cause.StatusCode, cause.ErrorCode, cause.RpcId, rpc);
                case PubSubFailureKind.LimitExceeded:
                    logger.SubscriptionLimitExceeded(topic, cause.ErrorCode, cause.RpcId);
                    throw new SubscriptionLimitExceededException(message, cause.StatusCode, cause.ErrorCode, cause.RpcId, rpc);
                case PubSubFailureKind.Fatal:
                    logger.StreamFailed(rpc, topic, cause.StatusCode, cause.ErrorCode, cause.RpcId);
                    throw new PubSubException(message, cause.StatusCode, cause.ErrorCode, cause.RpcId, rpc);
                case PubSubFailureKind.Unauthenticated when reauthenticated:
                    logger.StreamFailed(rpc, topic, cause.StatusCode, cause.ErrorCode, cause.RpcId);
                    throw new PubSubException(message + " (a freshly minted token was refused too)", cause.StatusCode, cause.ErrorCode, cause.RpcId, rpc);
                case PubSubFailureKind.Unauthenticated:
                    // A token reaches gRPC only in a new call's metadata: drop it and resubscribe at once with a fresh one.
                    if (authorization is not null)
                    {
                        credentials.Reject(authorization);
                    }

                    reauthenticated = true;
                    logger.StreamUnauthenticated(topic, cause.ErrorCode ?? cause.StatusCode.ToString());
                    return TimeSpan.Zero;
                default:
                    logger.StreamInterrupted(topic, cause.StatusCode.ToString(), cause.ErrorCode, cause.RpcId, resumeAfter);
                    break;
            }
        }
        else if (failure is not null)
        {
            logger.StreamInterrupted(topic, failure.GetType().Name, null, null, resumeAfter);
        }
        else
        {
            logger.StreamEnded(topic, resumeAfter);
        }

        failures++;
        if (failures > settings.MaxReconnectAttempts)
        {
            var status = (failure as RpcException)?.StatusCode ?? StatusCode.Unavailable;
            throw new PubSubException(
                $"Pub/Sub subscription to {topic} gave up after {failures - 1} consecutive failed resubscriptions.", status, null, null, failure);
        }

        return PubSubBackoff.DelayFor(failures, settings.ReconnectBaseDelay, settings.ReconnectMaxDelay);
    }

    private static bool IsStreamFailure(Exception exception, CancellationToken ct) =>
        !ct.IsCancellationRequested && exception is RpcException or SalesforceAuthException { IsTransient: true } or HttpRequestException;
}
