using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using CrmSignalWorker.Core.Alerts;
using CrmSignalWorker.Notifications.Slack;

namespace CrmSignalWorker.Notifications.Email;

/// <summary>An operator alert as an email: the subject says the severity and what happened, the body the detail.</summary>
public sealed class EmailOperatorAlertRenderer
{
    [SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "Renderers are injected services; an instance method keeps that seam.")]
    public (string Subject, string Html, string Text) Render(OperatorAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var subject = $"[CrmSignalWorker] {SlackOperatorAlertRenderer.SeverityLabel(alert.Severity)}: {alert.Title}";
        var raised = alert.RaisedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        var text = $"{alert.Title}\n\n{alert.Detail}\n\nRaised {raised}. Key: {alert.Key}\n";
        var html =
            $"""
            <!DOCTYPE html>
            <html><head><meta charset="utf-8"><title>{WebUtility.HtmlEncode(subject)}</title></head>
            <body style="font-family:sans-serif">
            <h1 style="font-size:18px">{WebUtility.HtmlEncode(alert.Title)}</h1>
            <p style="white-space:pre-wrap">{WebUtility.HtmlEncode(alert.Detail)}</p>
            <p style="color:#555;font-size:12px">Raised {raised}. Key: {WebUtility.HtmlEncode(alert.Key)}</p>
            </body></html>
            """;
        return (subject, html, text);
    }
}
