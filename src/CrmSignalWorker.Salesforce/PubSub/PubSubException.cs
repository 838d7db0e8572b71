using Grpc.Core;

namespace CrmSignalWorker.Salesforce.PubSub;

/// <summary>
/// A Pub/Sub call failed in a way resubscribing cannot fix. The message carries the gRPC status, Salesforce's
/// <c>error-code</c> trailer and the rpc id (for a support case), never the token.
/// </summary>
public class PubSubException : Exception
{
    public PubSubException(string message, StatusCode statusCode, string? errorCode, string? rpcId, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        ErrorCode = errorCode;
        RpcId = rpcId;
    }

    public PubSubException()
    {
    }

    public PubSubException(string message)
        : base(message)
    {
    }

    public PubSubException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public StatusCode StatusCode { get; }

    /// <summary>Salesforce's code, e.g. <c>sfdc.platform.eventbus.grpc.topic.not.found</c>; null when the server sent none.</summary>
    public string? ErrorCode { get; }

    public string? RpcId { get; }
}
