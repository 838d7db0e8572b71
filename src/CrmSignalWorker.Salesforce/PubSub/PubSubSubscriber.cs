using System.Runtime.CompilerServices;
using Avro;
using CrmSignalWorker.Core.Changes;
using CrmSignalWorker.Salesforce.Auth;
using CrmSignalWorker.Salesforce.PubSub.Protocol;
using CrmSignalWorker.Salesforce.Rest;
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
    ILogger<PubSubSubscriber> logger,
    SalesforceTelemetry? telemetry = null,
    PubSubStreamActivity? activity = null)
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

    /// <summary>
    /// Change events of <paramref name="topic"/> from <paramref name="start"/>, decoded, until <paramref name="ct"/> is
    /// cancelled. An undecodable event ends the stream with <see cref="ChangeEventDecodingException"/>; a caller that
    /// must go on past it (and quarantine it) reads <see cref="StreamAsync"/> instead.
    /// </summary>
    public async IAsyncEnumerable<ChangeEvent> SubscribeAsync(string topic, ReplayStart start, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await foreach (var received in StreamAsync(topic, start, ct))
        {
            if (received.Schema is null)
            {
                throw new ChangeEventDecodingException(topic, received.EventId, received.SchemaId, received.ReplayId, received.SchemaError ?? "no schema");
            }

            yield return decoder.Decode(received.Event, topic, received.Schema);
        }
    }

    /// <summary>
    /// Events of <paramref name="topic"/> from <paramref name="start"/> as received, each with its schema, until
    /// <paramref name="ct"/> is cancelled. An event whose schema cannot be had still comes through, with the reason.
    /// </summary>
    public async IAsyncEnumerable<ReceivedEvent> StreamAsync(string topic, ReplayStart start, [EnumeratorCancellation] CancellationToken ct = default)
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
                activity?.Subscribed(topic, timeProvider.GetUtcNow());
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
                                activity?.CaughtUp(topic, timeProvider.GetUtcNow());
                                KeepAlive(topic, response);
                            }

                            for (var i = 0; i < response.Events.Count; i++)
                            {
                                var consumerEvent = response.Events[i];
                                ReceivedEvent received;
                                try
                                {
                                    received = await ReceiveAsync(consumerEvent, topic, endsResponse: i == response.Events.Count - 1, ct);
                                }
                                catch (Exception ex) when (IsStreamFailure(ex, ct))
                                {
                                    failure = ex;
                                    break;
                                }

                                yield return received;

                                // The caller asked for the next event, so it is done with this one.
                                Volatile.Write(ref _latestReplayId, consumerEvent.ReplayId.ToByteArray());
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

    private async Task<ReceivedEvent> ReceiveAsync(ConsumerEvent consumerEvent, string topic, bool endsResponse, CancellationToken ct)
    {
        var schemaId = consumerEvent.Event?.SchemaId;
        if (string.IsNullOrEmpty(schemaId))
        {
            return new ReceivedEvent(topic, consumerEvent, null, "the event names no schema id", endsResponse);
        }

        try
        {
            return new ReceivedEvent(topic, consumerEvent, await schemas.GetSchemaAsync(schemaId, ct), null, endsResponse);
        }
        catch (AvroException ex)
        {
            return new ReceivedEvent(topic, consumerEvent, null, "unusable schema: " + ex.Message, endsResponse);
        }
    }

    /// <summary>Decides how to go on after a stream ended: throws when resubscribing cannot help, else returns the wait.</summary>
    private TimeSpan PlanResubscribe(
        string topic, ReplayStart from, Exception? failure, bool silent, PubSubAuthorization? authorization, ref int failures, ref bool reauthenticated)
    {
        var settings = options.Value;
        var resumeAfter = ReplayId.Format(Volatile.Read(ref _latestReplayId));
        telemetry?.CountResubscription(topic, silent ? "silent" : failure is null ? "ended" : failure is RpcException { StatusCode: StatusCode.Unauthenticated } ? "unauthenticated" : "interrupted");
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
