namespace CrmSignalWorker.Notifications.Email;

/// <summary>
/// One rendered email, stored as the outbox payload until delivered. The sender adds From, Date
/// and a Message-Id derived from the outbox idempotency key.
/// </summary>
public sealed record EmailMessage(IReadOnlyList<string> To, string Subject, string Html, string Text);
