using System.Text;

namespace CrmSignalWorker.Notifications.Slack;

/// <summary>
/// Slack mrkdwn control characters. Slack asks senders to escape exactly these three so user text
/// can never open a link, mention or channel reference:
/// https://api.slack.com/reference/surfaces/formatting#escaping
/// </summary>
internal static class SlackMrkdwn
{
    public static string Escape(string text)
    {
        if (text.AsSpan().IndexOfAny('&', '<', '>') < 0)
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            _ = c switch
            {
                '&' => escaped.Append("&amp;"),
                '<' => escaped.Append("&lt;"),
                '>' => escaped.Append("&gt;"),
                _ => escaped.Append(c),
            };
        }

        return escaped.ToString();
    }

    /// <summary>A link when the URL is known, otherwise the escaped label alone.</summary>
    public static string Link(string? url, string label) =>
        url is null ? Escape(label) : $"<{Escape(url)}|{Escape(label)}>";
}
