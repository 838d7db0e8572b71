using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CrmSignalWorker.Core.Alerts;

namespace CrmSignalWorker.Notifications.Slack;

/// <summary>An operator alert as a Block Kit message: a header with the severity and one section with the detail.</summary>
public sealed class SlackOperatorAlertRenderer
{
    private static readonly JsonWriterOptions s_writerOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "Renderers are injected services; an instance method keeps that seam.")]
    public SlackWebhookMessage Render(OperatorAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var title = TextLimits.Truncate($"{SeverityLabel(alert.Severity)}: {alert.Title}", SlackDigestRenderer.MaxHeaderTextLength);
        var detail = SlackMrkdwn.Escape(TextLimits.Truncate(alert.Detail, SlackDigestRenderer.MaxSectionTextLength - 200));
        var raised = alert.RaisedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, s_writerOptions))
        {
            json.WriteStartObject();
            json.WriteString("text", title);
            json.WriteStartArray("blocks");
            json.WriteStartObject();
            json.WriteString("type", "header");
            json.WriteStartObject("text");
            json.WriteString("type", "plain_text");
            json.WriteString("text", title);
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteStartObject();
            json.WriteString("type", "section");
            json.WriteStartObject("text");
            json.WriteString("type", "mrkdwn");
            json.WriteString("text", $"{detail}\n_Raised {raised} · key `{SlackMrkdwn.Escape(alert.Key)}`_");
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return new SlackWebhookMessage(Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    internal static string SeverityLabel(AlertSeverity severity) => severity == AlertSeverity.Critical ? "STOP THE LINE" : "Warning";
}
