using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace CrmSignalWorker.Salesforce.Rest;

/// <summary>
/// The "salesforce" pipeline: a jittered exponential retry around a per-attempt timeout. Only failures
/// that clear up on their own are retried; a bad query or a refused token fails at once.
/// </summary>
public static class SalesforceResilience
{
    public const string PipelineName = "salesforce";

    public static void Configure(ResiliencePipelineBuilder builder, SalesforceOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        builder
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = Math.Max(1, options.MaxRetries),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = TimeSpan.FromMinutes(1),
                ShouldHandle = args => ValueTask.FromResult(options.MaxRetries > 0 && IsTransient(args.Outcome.Exception)),
                OnRetry = args =>
                {
                    logger.RetryingCall(Describe(args.Outcome.Exception), args.AttemptNumber + 1, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(options.RequestTimeout);
    }

    internal static bool IsTransient(Exception? exception) => exception switch
    {
        SalesforceApiException api => api.IsTransient,
        Auth.SalesforceAuthException auth => auth.IsTransient,
        // A refused or reset connection, a name that did not resolve, a body cut short: worth another try.
        // A certificate the worker does not trust or a malformed reply will not fix itself.
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

    private static string Describe(Exception? exception) => exception switch
    {
        SalesforceApiException api => $"{(int)api.StatusCode} {api.ErrorCode}",
        Auth.SalesforceAuthException => "token endpoint unavailable",
        HttpRequestException http => http.HttpRequestError.ToString(),
        TimeoutRejectedException => "timeout",
        null => "unknown",
        _ => exception.GetType().Name,
    };
}
