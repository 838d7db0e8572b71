using Grpc.Core;

namespace CrmSignalWorker.Simulator.PubSub;

/// <summary>
/// Builds the RPC failures Salesforce sends: a gRPC status whose description ends in <c>rpcId: &lt;uuid&gt;</c>, with
/// trailers <c>error-code</c> and <c>rpc-id</c> (facts sheet §1.6). The messages are ours, in Salesforce's manner.
/// </summary>
internal static class PubSubErrors
{
    /// <summary>What a client sees when a proxy resets the stream; it carries no Salesforce code or rpc id.</summary>
    public const string ResetDescription = "RST_STREAM closed stream";

    public static RpcException Create(StatusCode status, string errorCode, string message, string rpcId) =>
        new(
            new Status(status, $"{message} rpcId: {rpcId}"),
            new Metadata { { PubSubErrorCodes.TrailerKey, errorCode }, { PubSubErrorCodes.RpcIdTrailerKey, rpcId } });

    public static RpcException Auth(string rpcId) => Create(
        StatusCode.Unauthenticated, PubSubErrorCodes.AuthError,
        "Authentication failed: the accesstoken, instanceurl or tenantid header is missing, invalid or expired.", rpcId);

    public static RpcException TopicNotFound(string topic, string organizationId, string rpcId) => Create(
        StatusCode.NotFound, PubSubErrorCodes.TopicNotFound,
        $"Topic {topic} was not found for org {organizationId}. Check that the topic name is correct and that the topic exists.", rpcId);

    public static RpcException TopicNameEmpty(string rpcId) => Create(
        StatusCode.InvalidArgument, PubSubErrorCodes.TopicNameEmpty, "The topic name is empty.", rpcId);

    public static RpcException SchemaNotFound(string schemaId, string rpcId) => Create(
        StatusCode.InvalidArgument, PubSubErrorCodes.SchemaValidationFailed, $"No schema with id '{schemaId}' exists for this org.", rpcId);

    public static RpcException ReplayIdCorrupted(string rpcId) => Create(
        StatusCode.InvalidArgument, PubSubErrorCodes.ReplayIdCorrupted,
        "The Replay ID validation failed. Check that the replay ID is one this topic issued and is within the retention window.", rpcId);

    public static RpcException ReplayIdMissing(string rpcId) => Create(
        StatusCode.InvalidArgument, PubSubErrorCodes.ReplayIdValidationFailed,
        "A replay ID is required when the replay preset is CUSTOM.", rpcId);

    public static RpcException RequestedEventsInvalid(int requested, string rpcId) => Create(
        StatusCode.InvalidArgument, PubSubErrorCodes.RequestedEventsInvalid,
        $"The number of requested events must be greater than 0, not {requested}.", rpcId);

    public static RpcException TopicMismatch(string expected, string actual, string rpcId) => Create(
        StatusCode.InvalidArgument, PubSubErrorCodes.TopicMismatch,
        $"A fetch request named topic {actual}, but this subscription is for {expected}. Open a new Subscribe call to change topics.", rpcId);

    public static RpcException StreamReset() => new(new Status(StatusCode.Unavailable, ResetDescription));
}
