using Grpc.Core;

namespace CrmSignalWorker.Salesforce.PubSub;

/// <summary>
/// The org's rolling 24-hour event delivery allocation is used up. Events are still retained for 72 hours, so
/// the caller waits for usage to fall and resumes from its stored replay id; retrying at once only burns calls.
/// </summary>
public sealed class SubscriptionLimitExceededException : PubSubException
{
    public SubscriptionLimitExceededException(string message, StatusCode statusCode, string? errorCode, string? rpcId, Exception? innerException = null)
        : base(message, statusCode, errorCode, rpcId, innerException)
    {
    }

    public SubscriptionLimitExceededException()
    {
    }

    public SubscriptionLimitExceededException(string message)
        : base(message)
    {
    }

    public SubscriptionLimitExceededException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
