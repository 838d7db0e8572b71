using Grpc.Core;

namespace CrmSignalWorker.Simulator.PubSub;

/// <summary>
/// Makes the org's Pub/Sub API misbehave on purpose (facts sheet §9.7), through <c>org.Faults.PubSub</c>: failed
/// subscribes, malformed payloads, dropped or silent streams, schema changes. Thread-safe.
/// <see cref="FaultInjector.Reset"/> clears these too.
/// </summary>
public sealed class PubSubFaults
{
    private readonly Lock _gate = new();
    private readonly Queue<InjectedRpcFailure> _subscribeFailures = new();
    private SchemaRegistry? _schemas;
    private int _corruptNext;
    private int? _dropAfter;
    private int _dropGeneration;
    private bool _silenced;

    internal PubSubFaults()
    {
    }

    /// <summary>Fires on every change, so open streams re-read the faults at once.</summary>
    internal ChangeSignal Changed { get; } = new();

    internal bool IsSilenced
    {
        get
        {
            lock (_gate)
            {
                return _silenced;
            }
        }
    }

    /// <summary>The event limit of <see cref="DropStreamsAfter"/> and a generation that changes with every call.</summary>
    internal (int? Limit, int Generation) DropLimit
    {
        get
        {
            lock (_gate)
            {
                return (_dropAfter, _dropGeneration);
            }
        }
    }

    /// <summary>
    /// The next Subscribe call fails, after authentication and its first FetchRequest, with <paramref name="status"/>,
    /// trailer <c>error-code: <paramref name="errorCode"/></c> and <c>rpcId:</c> in the description. Calls queue up:
    /// two calls fail the next two subscriptions. Examples: Unavailable + <see cref="PubSubErrorCodes.ServiceUnavailable"/>,
    /// or ResourceExhausted + <see cref="PubSubErrorCodes.SubscriptionLimitExceeded"/>.
    /// </summary>
    /// <param name="message">Defaults to a message fitting the known codes.</param>
    public void FailNextSubscribe(StatusCode status, string errorCode, string? message = null)
    {
        if (status == StatusCode.OK)
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "An injected failure needs a failing status.");
        }

        ArgumentException.ThrowIfNullOrEmpty(errorCode);
        lock (_gate)
        {
            _subscribeFailures.Enqueue(new InjectedRpcFailure(status, errorCode, message ?? DefaultMessage(errorCode)));
        }
    }

    /// <summary>
    /// Every Subscribe stream, open now or opened later, delivers at most <paramref name="events"/> more events and then
    /// fails with status Unavailable and description <c>RST_STREAM closed stream</c> (a transport reset: no error-code
    /// trailer). Open streams count from this call, new ones from their start. Lasts until <see cref="Reset"/>.
    /// </summary>
    public void DropStreamsAfter(int events)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(events);
        lock (_gate)
        {
            _dropAfter = events;
            _dropGeneration++;
        }

        Changed.Fire();
    }

    /// <summary>
    /// Every Subscribe stream, open now or opened later, stops sending anything (events, keep-alives, idle closes)
    /// without closing, until <see cref="Resume"/>. Credit still accumulates; events wait on the bus.
    /// </summary>
    public void SilenceStreams() => SetSilenced(true);

    /// <summary>Ends <see cref="SilenceStreams"/>; streams deliver what they owe at once.</summary>
    public void Resume() => SetSilenced(false);

    /// <summary>
    /// Simulates a metadata change: from now on events of <paramref name="entity"/> (any entity with change events) carry a new
    /// schema_id whose schema adds a nullable string field (<c>SimAdded1__c</c>, then <c>SimAdded2__c</c>, …) at the end.
    /// GetTopic reports the new id; GetSchema serves old and new.
    /// </summary>
    /// <returns>The new schema id.</returns>
    public string ChangeSchemaNext(string entity)
    {
        var schemas = _schemas ?? throw new InvalidOperationException("The Pub/Sub API has not started.");
        return schemas.AddField(entity).SchemaId;
    }

    /// <summary>
    /// The next <paramref name="count"/> events published live (changes, gaps, overflows, workflow events) go on the bus
    /// with a payload cut short: it does not decode against the event's schema id. Everything else about the event is
    /// normal (replay id, event id, schema id), and later events are unaffected, so a client must skip it and go on.
    /// </summary>
    public void CorruptNextEvents(int count = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        lock (_gate)
        {
            _corruptNext = count;
        }
    }

    /// <summary>Clears queued subscribe failures, pending corruptions, stream drops and silence. Schema changes stay.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _subscribeFailures.Clear();
            _corruptNext = 0;
            _dropAfter = null;
            _dropGeneration++;
            _silenced = false;
        }

        Changed.Fire();
    }

    internal void Attach(SchemaRegistry schemas) => _schemas = schemas;

    /// <summary>True (once per pending corruption) when the event being published now must be malformed.</summary>
    internal bool TakeCorruption()
    {
        lock (_gate)
        {
            if (_corruptNext == 0)
            {
                return false;
            }

            _corruptNext--;
            return true;
        }
    }

    internal bool TryTakeSubscribeFailure(out InjectedRpcFailure failure)
    {
        lock (_gate)
        {
            return _subscribeFailures.TryDequeue(out failure!);
        }
    }

    private void SetSilenced(bool silenced)
    {
        lock (_gate)
        {
            _silenced = silenced;
        }

        Changed.Fire();
    }

    private static string DefaultMessage(string errorCode) => errorCode switch
    {
        PubSubErrorCodes.ServiceUnavailable => "The service is temporarily unavailable. Try again later.",
        PubSubErrorCodes.SubscriptionLimitExceeded => "You have exceeded the event delivery limit for your org.",
        PubSubErrorCodes.AuthError => "Authentication failed: the access token is missing, invalid or expired.",
        _ => "The request failed.",
    };
}

internal sealed record InjectedRpcFailure(StatusCode Status, string ErrorCode, string Message);
