namespace CrmSignalWorker.Notifications;

/// <summary>
/// A notification could not be delivered. The outbox dispatcher retries transient failures with
/// backoff (waiting at least <see cref="RetryAfter"/> when the receiver asked for it) and parks
/// permanent ones for a human. Messages never carry secrets such as webhook paths or passwords,
/// because the dispatcher logs and stores them.
/// </summary>
public sealed class DeliveryException : Exception
{
    public DeliveryException(string message, bool isTransient, TimeSpan? retryAfter = null, Exception? innerException = null)
        : base(message, innerException)
    {
        IsTransient = isTransient;
        RetryAfter = retryAfter;
    }

    /// <summary>True when the same send may succeed later; false when retrying cannot help.</summary>
    public bool IsTransient { get; }

    /// <summary>How long the receiver asked us to wait before retrying, when it said so.</summary>
    public TimeSpan? RetryAfter { get; }

    internal static DeliveryException Transient(string message, Exception? innerException = null, TimeSpan? retryAfter = null) =>
        new(message, isTransient: true, retryAfter, innerException);

    internal static DeliveryException Permanent(string message, Exception? innerException = null) =>
        new(message, isTransient: false, retryAfter: null, innerException);
}
