using System.Text.RegularExpressions;
using Grpc.Core;

namespace CrmSignalWorker.Salesforce.PubSub;

/// <summary>What a failed Pub/Sub call means for the subscription.</summary>
internal enum PubSubFailureKind
{
    /// <summary>Retry from the last replay id with backoff.</summary>
    Transient,

    /// <summary>The token was refused: drop it and resubscribe with a new one.</summary>
    Unauthenticated,

    /// <summary>The replay id was refused: the caller must back-fill.</summary>
    ReplayIdRejected,

    /// <summary>The delivery allocation is used up.</summary>
    LimitExceeded,

    /// <summary>Retrying cannot help (unknown topic, no permission, bad request).</summary>
    Fatal,
}

/// <summary>A failed call read for its gRPC status, Salesforce error-code trailer and rpc id.</summary>
internal sealed partial record PubSubFailure(PubSubFailureKind Kind, StatusCode StatusCode, string? ErrorCode, string? RpcId, string Detail)
{
    public string Describe() => $"{StatusCode} {ErrorCode ?? "(no error-code)"} (rpcId {RpcId ?? "unknown"})";

    public static PubSubFailure Of(RpcException exception, PubSubAuthorization? authorization)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var errorCode = Trailer(exception, PubSubErrorCodes.TrailerKey);
        var detail = authorization is null ? exception.Status.Detail : authorization.Redact(exception.Status.Detail);
        var rpcId = Trailer(exception, "rpc-id") ?? Trailer(exception, "rpcid") ?? RpcIdInDetail(detail);
        return new PubSubFailure(KindOf(exception.StatusCode, errorCode, detail), exception.StatusCode, errorCode, rpcId, detail);
    }

    private static PubSubFailureKind KindOf(StatusCode status, string? errorCode, string detail)
    {
        if (Is(errorCode, PubSubErrorCodes.ReplayIdCorrupted) || Is(errorCode, PubSubErrorCodes.ReplayIdValidationFailed))
        {
            return PubSubFailureKind.ReplayIdRejected;
        }

        if (Is(errorCode, PubSubErrorCodes.SubscriptionLimitExceeded))
        {
            return PubSubFailureKind.LimitExceeded;
        }

        if (status == StatusCode.Unauthenticated || Is(errorCode, PubSubErrorCodes.AuthError))
        {
            return PubSubFailureKind.Unauthenticated;
        }

        var transientCode = Is(errorCode, PubSubErrorCodes.ServiceUnavailable)
            || Is(errorCode, PubSubErrorCodes.ProtectionTriggered)
            || Is(errorCode, PubSubErrorCodes.StreamLimitTriggered)
            || Is(errorCode, PubSubErrorCodes.ConcurrentClientLimitExceeded)
            || Is(errorCode, PubSubErrorCodes.SubscriptionInternalError);
        var transientStatus = status is StatusCode.Unavailable or StatusCode.Internal or StatusCode.DeadlineExceeded
            or StatusCode.ResourceExhausted or StatusCode.Aborted or StatusCode.Cancelled;
        var resetStream = detail.Contains("RST_STREAM", StringComparison.OrdinalIgnoreCase);
        return transientCode || transientStatus || resetStream ? PubSubFailureKind.Transient : PubSubFailureKind.Fatal;
    }

    // Codes are compared by their documented suffix so a differently prefixed code (another API family) still matches.
    private static bool Is(string? errorCode, string code) =>
        errorCode is not null && (errorCode == code || code.EndsWith("." + errorCode, StringComparison.Ordinal)
            || errorCode.EndsWith(code[PubSubErrorCodes.Prefix.Length..], StringComparison.Ordinal));

    private static string? Trailer(RpcException exception, string key)
    {
        var value = exception.Trailers.GetValue(key);
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    private static string? RpcIdInDetail(string detail)
    {
        var match = RpcIdPattern().Match(detail);
        return match.Success ? match.Groups[1].Value : null;
    }

    [GeneratedRegex(@"rpcId:\s*([0-9A-Za-z-]+)", RegexOptions.CultureInvariant)]
    private static partial Regex RpcIdPattern();
}
