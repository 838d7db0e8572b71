namespace CrmSignalWorker.Salesforce.PubSub;

/// <summary>Salesforce error codes sent in the <c>error-code</c> trailer of a failed Pub/Sub call.</summary>
public static class PubSubErrorCodes
{
    public const string TrailerKey = "error-code";
    public const string Prefix = "sfdc.platform.eventbus.grpc.";

    public const string ServiceUnavailable = Prefix + "service.unavailable";
    public const string AuthError = Prefix + "service.auth.error";
    public const string ProtectionTriggered = Prefix + "service.protection.triggered";
    public const string StreamLimitTriggered = Prefix + "service.protection.stream.limit.triggered";
    public const string ConcurrentClientLimitExceeded = Prefix + "concurrent.client.limit.exceeded";
    public const string ReplayIdCorrupted = Prefix + "subscription.fetch.replayid.corrupted";
    public const string ReplayIdValidationFailed = Prefix + "subscription.fetch.replayid.validation.failed";
    public const string SubscriptionLimitExceeded = Prefix + "subscription.limit.exceeded";
    public const string SubscriptionInternalError = Prefix + "subscription.internal.error";
}
