using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace CrmSignalWorker.Salesforce;

internal static partial class Log
{
    // Pub/Sub (CDC) event ids: 1100-1199. Replay ids are logged as numbers; tokens and payload values never.
    [LoggerMessage(1100, LogLevel.Information, "Subscribing to {Topic} from {ReplayStart}")]
    public static partial void Subscribing(this ILogger logger, string topic, string replayStart);

    [LoggerMessage(1101, LogLevel.Debug, "Keep-alive on {Topic}; latest replay id {ReplayId}")]
    public static partial void KeepAliveReceived(this ILogger logger, string topic, string replayId);

    [LoggerMessage(1102, LogLevel.Warning, "No response on {Topic} for {SilenceTimeout}, not even a keep-alive; resubscribing after replay id {ReplayId}")]
    public static partial void StreamSilent(this ILogger logger, string topic, TimeSpan silenceTimeout, string replayId);

    [LoggerMessage(1103, LogLevel.Warning, "Pub/Sub stream on {Topic} was interrupted ({Status} {ErrorCode}, rpcId {RpcId}); resubscribing after replay id {ReplayId}")]
    public static partial void StreamInterrupted(this ILogger logger, string topic, string status, string? errorCode, string? rpcId, string replayId);

    [LoggerMessage(1104, LogLevel.Warning, "Pub/Sub refused the session on {Topic} ({ErrorCode}); resubscribing with a new token")]
    public static partial void StreamUnauthenticated(this ILogger logger, string topic, string errorCode);

    [LoggerMessage(1105, LogLevel.Error, "Pub/Sub refused to resume {Topic} {ReplayStart} ({ErrorCode}, rpcId {RpcId}); back-fill from field history is needed")]
    public static partial void ReplayIdRejected(this ILogger logger, string topic, string replayStart, string? errorCode, string? rpcId);

    [LoggerMessage(1106, LogLevel.Error, "Pub/Sub event delivery allocation is used up on {Topic} ({ErrorCode}, rpcId {RpcId})")]
    public static partial void SubscriptionLimitExceeded(this ILogger logger, string topic, string? errorCode, string? rpcId);

    [LoggerMessage(1107, LogLevel.Information, "Fetched Avro schema {SchemaId} ({SchemaName}, rpcId {RpcId})")]
    public static partial void SchemaFetched(this ILogger logger, string schemaId, string schemaName, string rpcId);

    [LoggerMessage(1108, LogLevel.Error, "Pub/Sub stream on {Topic} failed with {Status} {ErrorCode} (rpcId {RpcId}); not resubscribing")]
    public static partial void StreamFailed(this ILogger logger, Exception exception, string topic, StatusCode status, string? errorCode, string? rpcId);

    [LoggerMessage(1109, LogLevel.Warning, "Pub/Sub ended the stream on {Topic} without an error; resubscribing after replay id {ReplayId}")]
    public static partial void StreamEnded(this ILogger logger, string topic, string replayId);

    [LoggerMessage(1110, LogLevel.Trace, "Requested {Count} more events on {Topic}")]
    public static partial void CreditGranted(this ILogger logger, string topic, int count);
}
