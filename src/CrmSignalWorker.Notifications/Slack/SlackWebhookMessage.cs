namespace CrmSignalWorker.Notifications.Slack;

/// <summary>
/// One Slack incoming-webhook post, stored as the outbox payload until delivered.
/// </summary>
/// <param name="Body">The complete Block Kit JSON document, sent as is.</param>
public sealed record SlackWebhookMessage(string Body);
