using System.ComponentModel.DataAnnotations;
using CrmSignalWorker.Core.Configuration;

namespace CrmSignalWorker.Notifications.Slack;

/// <summary>Slack incoming-webhook delivery, bound from the "Slack" configuration section.</summary>
public sealed class SlackOptions
{
    public const string SectionName = "Slack";

    /// <summary>
    /// The incoming-webhook URL; null disables Slack delivery. The path is the credential, so it
    /// belongs in a secret store and is never logged.
    /// </summary>
    [AbsoluteHttpUrl(ErrorMessage = "Slack:WebhookUrl must be an absolute http or https URL")]
    public string? WebhookUrl { get; set; }

    /// <summary>How long one post may take, connection included. Default 10 seconds.</summary>
    [SettingRange(typeof(TimeSpan), "00:00:01", "00:05:00", ErrorMessage = "Slack:Timeout must be between 1 second and 5 minutes")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}
