namespace CrmSignalWorker.Simulator.PubSub;

/// <summary>Values of the <c>error-code</c> trailer the org sets on failed Pub/Sub RPCs (facts sheet §1.6).</summary>
public static class PubSubErrorCodes
{
    public const string TrailerKey = "error-code";

    /// <summary>The trailer that repeats the <c>rpcId:</c> of the status description.</summary>
    public const string RpcIdTrailerKey = "rpc-id";

    public const string AuthError = "sfdc.platform.eventbus.grpc.service.auth.error";
    public const string ServiceUnavailable = "sfdc.platform.eventbus.grpc.service.unavailable";
    public const string TopicNotFound = "sfdc.platform.eventbus.grpc.topic.not.found";
    public const string TopicNameEmpty = "sfdc.platform.eventbus.grpc.topic.validation.empty";
    public const string SchemaValidationFailed = "sfdc.platform.eventbus.grpc.schema.validation.failed";
    public const string ReplayIdCorrupted = "sfdc.platform.eventbus.grpc.subscription.fetch.replayid.corrupted";
    public const string ReplayIdValidationFailed = "sfdc.platform.eventbus.grpc.subscription.fetch.replayid.validation.failed";
    public const string RequestedEventsInvalid = "sfdc.platform.eventbus.grpc.subscription.fetch.requested.events.invalid";
    public const string TopicMismatch = "sfdc.platform.eventbus.grpc.subscription.fetch.topic.mismatch";
    public const string SubscriptionLimitExceeded = "sfdc.platform.eventbus.grpc.subscription.limit.exceeded";
}
