using System.Net.Sockets;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace CrmSignalWorker.Salesforce.Rest;

/// <summary>
/// One pipeline per endpoint kind: a jittered exponential retry, around a circuit breaker, around a per-attempt
/// timeout. Only failures that clear up on their own are retried or counted against the circuit; a malformed
/// query, a refused credential or a used-up API allocation fails at once. An open circuit rejects calls without
/// sending them, and that rejection is not retried: the next poll tries again.
/// </summary>
public static class SalesforceResilience
{
    public const string TokenPipeline = "salesforce-token";
    public const string QueryPipeline = "salesforce-query";
    public const string PubSubUnaryPipeline = "salesforce-pubsub-unary";

    public static IReadOnlyList<SalesforceEndpoint> Endpoints { get; } = Enum.GetValues<SalesforceEndpoint>();

    public static string PipelineName(SalesforceEndpoint endpoint) => endpoint switch
    {
        SalesforceEndpoint.Token => TokenPipeline,
        SalesforceEndpoint.Query => QueryPipeline,
        SalesforceEndpoint.PubSubUnary => PubSubUnaryPipeline,
        _ => throw new ArgumentOutOfRangeException(nameof(endpoint), endpoint, "Unknown Salesforce endpoint kind."),
    };

    public static void Configure(
        ResiliencePipelineBuilder builder, SalesforceEndpoint endpoint, SalesforceOptions options, SalesforceTelemetry telemetry, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(telemetry);
        ArgumentNullException.ThrowIfNull(logger);
        var name = PipelineName(endpoint);
        builder
            .AddRetry(new RetryStrategyOptions
            {
                // Polly needs at least one attempt configured; MaxRetries = 0 turns retrying off in ShouldHandle.
                MaxRetryAttempts = Math.Max(1, options.MaxRetries),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = TimeSpan.FromMinutes(1),
                ShouldHandle = args => ValueTask.FromResult(options.MaxRetries > 0 && IsTransient(endpoint, args.Outcome.Exception)),
                OnRetry = args =>
                {
                    var cause = CauseOf(args.Outcome.Exception);
                    logger.RetryingCall(name, cause, args.AttemptNumber + 1, args.RetryDelay);
                    telemetry.CountRetry(name, cause);
                    return ValueTask.CompletedTask;
                },
            })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = options.CircuitFailureRatio,
                SamplingDuration = options.CircuitSamplingDuration,
                MinimumThroughput = options.CircuitMinimumThroughput,
                BreakDuration = options.CircuitBreakDuration,
                ShouldHandle = args => ValueTask.FromResult(IsTransient(endpoint, args.Outcome.Exception)),
                OnOpened = args =>
                {
                    logger.CircuitOpened(name, CauseOf(args.Outcome.Exception), args.BreakDuration);
                    telemetry.CountCircuit(name, "open");
                    return ValueTask.CompletedTask;
                },
                OnHalfOpened = _ =>
                {
                    logger.CircuitHalfOpened(name);
                    telemetry.CountCircuit(name, "half_open");
                    return ValueTask.CompletedTask;
                },
                OnClosed = _ =>
                {
                    logger.CircuitClosed(name);
                    telemetry.CountCircuit(name, "closed");
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(options.RequestTimeout);
    }

    /// <summary>Whether a failure of a call to <paramref name="endpoint"/> is worth another try and counts against its circuit.</summary>
    internal static bool IsTransient(SalesforceEndpoint endpoint, Exception? exception) => endpoint switch
    {
        SalesforceEndpoint.Token => exception is Auth.SalesforceAuthException { IsTransient: true } || IsTransientTransport(exception),
        SalesforceEndpoint.Query => exception is SalesforceApiException { IsTransient: true } || IsTransientTransport(exception),
        // UNAUTHENTICATED needs a new token and INVALID_ARGUMENT a different request: the caller handles those.
        SalesforceEndpoint.PubSubUnary => exception is RpcException { StatusCode: StatusCode.Unavailable or StatusCode.DeadlineExceeded }
            or TimeoutRejectedException,
        _ => false,
    };

    /// <summary>A short, bounded label for logs and the retry counter's cause tag; never a message text.</summary>
    internal static string CauseOf(Exception? exception) => exception switch
    {
        SalesforceApiException { ErrorCode: { Length: > 0 } code } when code != "UNKNOWN_ERROR" => code,
        SalesforceApiException api => $"HTTP {(int)api.StatusCode}",
        Auth.SalesforceAuthException => "TOKEN_ENDPOINT_UNAVAILABLE",
        RpcException rpc => rpc.StatusCode.ToString(),
        HttpRequestException http => http.HttpRequestError.ToString(),
        TimeoutRejectedException => "timeout",
        BrokenCircuitException => "circuit_open",
        null => "unknown",
        _ => exception.GetType().Name,
    };

    // A refused or reset connection, a name that did not resolve, a body cut short: worth another try.
    // A certificate the worker does not trust or a malformed reply will not fix itself.
    private static bool IsTransientTransport(Exception? exception) => exception switch
    {
        HttpRequestException http => http.HttpRequestError is HttpRequestError.ConnectionError
            or HttpRequestError.NameResolutionError
            or HttpRequestError.ResponseEnded
            or HttpRequestError.HttpProtocolError
            or HttpRequestError.Unknown,
        TimeoutRejectedException => true,
        SocketException => true,
        IOException => true,
        _ => false,
    };
}
