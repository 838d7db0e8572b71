using Microsoft.Extensions.Logging;

namespace CrmSignalWorker.Notifications;

/// <summary>
/// Every log line this project writes. Webhook URLs are logged by host only (the path is the
/// credential), SMTP passwords never, and recipients only as a count.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(NotificationsEventId.SlackDelivered, LogLevel.Information,
        "Slack webhook on {WebhookHost} accepted message {IdempotencyKey} in {ElapsedMs} ms")]
    public static partial void SlackDelivered(this ILogger logger, string webhookHost, string idempotencyKey, long elapsedMs);

    [LoggerMessage(NotificationsEventId.SlackRejected, LogLevel.Error,
        "Slack webhook on {WebhookHost} rejected message {IdempotencyKey} with {StatusCode}: {SlackError}; not retrying")]
    public static partial void SlackRejected(this ILogger logger, string webhookHost, string idempotencyKey, int statusCode, string slackError);

    [LoggerMessage(NotificationsEventId.SlackRateLimited, LogLevel.Warning,
        "Slack webhook on {WebhookHost} rate-limited message {IdempotencyKey}; retry after {RetryAfter}")]
    public static partial void SlackRateLimited(this ILogger logger, string webhookHost, string idempotencyKey, TimeSpan? retryAfter);

    [LoggerMessage(NotificationsEventId.SlackUnreachable, LogLevel.Warning,
        "Slack webhook on {WebhookHost} unreachable for message {IdempotencyKey}")]
    public static partial void SlackUnreachable(this ILogger logger, Exception exception, string webhookHost, string idempotencyKey);

    [LoggerMessage(NotificationsEventId.SlackTimedOut, LogLevel.Warning,
        "Slack webhook on {WebhookHost} did not answer message {IdempotencyKey} within {Timeout}")]
    public static partial void SlackTimedOut(this ILogger logger, string webhookHost, string idempotencyKey, TimeSpan timeout);

    [LoggerMessage(NotificationsEventId.SlackServerError, LogLevel.Warning,
        "Slack webhook on {WebhookHost} failed message {IdempotencyKey} with {StatusCode}: {SlackError}; will retry")]
    public static partial void SlackServerError(this ILogger logger, string webhookHost, string idempotencyKey, int statusCode, string slackError);

    [LoggerMessage(NotificationsEventId.EmailSent, LogLevel.Information,
        "SMTP relay {SmtpHost}:{SmtpPort} accepted message {IdempotencyKey} (Message-Id {MessageId}) for {RecipientCount} recipients in {ElapsedMs} ms")]
    public static partial void EmailSent(this ILogger logger, string smtpHost, int smtpPort, string idempotencyKey, string messageId, int recipientCount, long elapsedMs);

    [LoggerMessage(NotificationsEventId.EmailFailed, LogLevel.Warning,
        "SMTP relay {SmtpHost}:{SmtpPort} did not take message {IdempotencyKey}; transient: {IsTransient}")]
    public static partial void EmailFailed(this ILogger logger, Exception exception, string smtpHost, int smtpPort, string idempotencyKey, bool isTransient);

    [LoggerMessage(NotificationsEventId.EmailDisconnectFailed, LogLevel.Debug,
        "SMTP relay {SmtpHost}:{SmtpPort} accepted message {IdempotencyKey} but the polite disconnect failed")]
    public static partial void EmailDisconnectFailed(this ILogger logger, Exception exception, string smtpHost, int smtpPort, string idempotencyKey);
}
