using Grpc.Core;

namespace CrmSignalWorker.Salesforce.PubSub;

/// <summary>
/// Salesforce refused the replay id to resume after: it is corrupted, from another org or instance, or older than
/// the 72-hour retention. Events since then may be lost to CDC, so the caller back-fills from field history and
/// raises an operator alert before subscribing again. The subscriber never skips to LATEST on its own.
/// </summary>
public sealed class ReplayIdRejectedException : PubSubException
{
    public ReplayIdRejectedException(string topic, byte[]? replayId, string message, StatusCode statusCode, string? errorCode, string? rpcId, Exception? innerException = null)
        : base(message, statusCode, errorCode, rpcId, innerException)
    {
        Topic = topic;
        ReplayId = replayId;
    }

    public ReplayIdRejectedException()
    {
        Topic = "";
    }

    public ReplayIdRejectedException(string message)
        : base(message)
    {
        Topic = "";
    }

    public ReplayIdRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Topic = "";
    }

    public string Topic { get; }

    /// <summary>The replay id the subscription asked to resume after; null when none was sent.</summary>
    public byte[]? ReplayId { get; }
}
