using System.Text.Json;
using CrmSignalWorker.Core.Alerts;
using CrmSignalWorker.Digests;
using CrmSignalWorker.Notifications.Email;
using CrmSignalWorker.Notifications.Slack;
using CrmSignalWorker.Storage.Outbox;
using Microsoft.Extensions.Options;

namespace CrmSignalWorker.Alerts;

/// <summary>
/// Renders an alert into one outbox row per configured channel, keyed <c>&lt;key&gt;:&lt;channel&gt;</c> so queuing it
/// again adds nothing. Shared by the worker's own alerts and the signal alerts.
/// </summary>
public sealed class OperatorAlertMessages(SlackOperatorAlertRenderer slackRenderer, EmailOperatorAlertRenderer emailRenderer, IOptions<SlackOptions> slackOptions)
{
    /// <param name="slack">Post to the Slack webhook in Slack:WebhookUrl, when one is set.</param>
    /// <param name="emailTo">Email recipients; empty sends no email.</param>
    public IEnumerable<OutboxItem> For(OperatorAlert alert, string key, bool slack, IReadOnlyList<string> emailTo)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(emailTo);
        if (slack && !string.IsNullOrEmpty(slackOptions.Value.WebhookUrl))
        {
            yield return new OutboxItem(
                $"{key}:{DigestComposer.SlackChannel}", DigestComposer.SlackChannel, DigestComposer.DefaultSlackRoute, JsonSerializer.Serialize(slackRenderer.Render(alert)));
        }

        if (emailTo.Count > 0)
        {
            var (subject, html, text) = emailRenderer.Render(alert);
            yield return new OutboxItem(
                $"{key}:{DigestComposer.EmailChannel}", DigestComposer.EmailChannel, string.Join(',', emailTo),
                JsonSerializer.Serialize(new EmailMessage(emailTo, subject, html, text)));
        }
    }
}
