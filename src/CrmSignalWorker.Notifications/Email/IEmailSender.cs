namespace CrmSignalWorker.Notifications.Email;

/// <summary>Submits one email; the seam the outbox dispatcher depends on.</summary>
public interface IEmailSender
{
    /// <exception cref="DeliveryException">Submission failed; <see cref="DeliveryException.IsTransient"/> says whether to retry.</exception>
    Task SendAsync(EmailMessage message, string idempotencyKey, CancellationToken ct);
}
