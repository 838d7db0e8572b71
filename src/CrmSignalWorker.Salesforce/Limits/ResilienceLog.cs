using CrmSignalWorker.Salesforce.Limits;
using Microsoft.Extensions.Logging;

namespace CrmSignalWorker.Salesforce;

internal static partial class Log
{
    // Resilience and API budget event ids: 1200-1299.
    [LoggerMessage(1200, LogLevel.Warning, "Salesforce {Pipeline} call failed transiently ({Cause}); retry {Attempt} in {Delay}")]
    public static partial void RetryingCall(this ILogger logger, string pipeline, string cause, int attempt, TimeSpan delay);

    [LoggerMessage(1201, LogLevel.Error, "Salesforce {Pipeline} circuit opened after repeated failures ({Cause}); calls are rejected for {BreakDuration}")]
    public static partial void CircuitOpened(this ILogger logger, string pipeline, string cause, TimeSpan breakDuration);

    [LoggerMessage(1202, LogLevel.Information, "Salesforce {Pipeline} circuit half-open: the next call is a trial")]
    public static partial void CircuitHalfOpened(this ILogger logger, string pipeline);

    [LoggerMessage(1203, LogLevel.Information, "Salesforce {Pipeline} circuit closed: calls flow again")]
    public static partial void CircuitClosed(this ILogger logger, string pipeline);

    [LoggerMessage(1210, LogLevel.Warning, "API budget: non-essential polling paused at {Used}/{Max} calls ({Share:P1}, threshold {Threshold:P0}); history polling continues")]
    public static partial void BudgetShareExceeded(this ILogger logger, long used, long max, double share, double threshold);

    [LoggerMessage(1211, LogLevel.Error, "API budget: Salesforce answered REQUEST_LIMIT_EXCEEDED; all polling paused until GET /limits shows calls remaining (checked every {CheckInterval})")]
    public static partial void BudgetLimitExceeded(this ILogger logger, TimeSpan checkInterval);

    [LoggerMessage(1212, LogLevel.Information, "API budget: {Pause} pause ended after {PausedFor} at {Used}/{Max} calls")]
    public static partial void BudgetResumed(this ILogger logger, BudgetPause pause, TimeSpan pausedFor, long? used, long? max);

    [LoggerMessage(1213, LogLevel.Information, "API budget: GET /limits shows {Remaining} of {Max} daily calls remaining")]
    public static partial void LimitsRead(this ILogger logger, long remaining, long max);
}
