using CrmSignalWorker.Simulator.Http;
using CrmSignalWorker.Simulator.PubSub;

namespace CrmSignalWorker.Simulator;

/// <summary>Makes the org misbehave on purpose so clients' retry, refresh and timeout paths can be tested. Thread-safe.</summary>
public sealed class FaultInjector
{
    private readonly Lock _gate = new();
    private readonly TokenIssuer _tokens;
    private int _remainingFailures;
    private InjectedFailure? _failure;
    private TimeSpan _latency;

    internal FaultInjector(TokenIssuer tokens) => _tokens = tokens;

    /// <summary>Faults of the Pub/Sub API: failed subscribes, dropped or silent streams, schema changes.</summary>
    public PubSubFaults PubSub { get; } = new();

    /// <summary>
    /// The next <paramref name="count"/> REST or token requests answer <paramref name="statusCode"/> with the body
    /// <c>[{"message":…,"errorCode":…}]</c>, before authentication and without counting toward API usage.
    /// A new call replaces any failures still pending.
    /// </summary>
    public void FailNext(int count, int statusCode, string errorCode, string message)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 400);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 599);
        ArgumentException.ThrowIfNullOrEmpty(errorCode);
        ArgumentNullException.ThrowIfNull(message);
        lock (_gate)
        {
            _remainingFailures = count;
            _failure = new InjectedFailure(statusCode, errorCode, message);
        }
    }

    /// <summary>
    /// Every token issued so far now gets 401 INVALID_SESSION_ID (and Pub/Sub RPCs started afterwards UNAUTHENTICATED);
    /// tokens issued afterwards work. Subscribe streams already open keep running, as in Salesforce.
    /// </summary>
    public void ExpireAllTokens() => _tokens.RevokeAll();

    /// <summary>Delay added (in real time) before every REST and token response.</summary>
    public void SetLatency(TimeSpan latency)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(latency, TimeSpan.Zero);
        lock (_gate)
        {
            _latency = latency;
        }
    }

    /// <summary>Clears pending failures and latency, and the Pub/Sub faults. Tokens already expired stay expired.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _remainingFailures = 0;
            _failure = null;
            _latency = TimeSpan.Zero;
        }

        PubSub.Reset();
    }

    internal TimeSpan Latency
    {
        get
        {
            lock (_gate)
            {
                return _latency;
            }
        }
    }

    internal bool TryTakeFailure(out InjectedFailure failure)
    {
        lock (_gate)
        {
            if (_remainingFailures > 0 && _failure is not null)
            {
                _remainingFailures--;
                failure = _failure;
                return true;
            }

            failure = null!;
            return false;
        }
    }
}

internal sealed record InjectedFailure(int StatusCode, string ErrorCode, string Message);
