namespace CrmSignalWorker.Notifications.Slack;

/// <summary>Posts one message to a Slack incoming webhook; the seam the outbox dispatcher depends on.</summary>
public interface ISlackWebhookSender
{
    /// <exception cref="DeliveryException">The post failed; <see cref="DeliveryException.IsTransient"/> says whether to retry.</exception>
    Task SendAsync(string webhookUrl, SlackWebhookMessage message, string idempotencyKey, CancellationToken ct);
}
