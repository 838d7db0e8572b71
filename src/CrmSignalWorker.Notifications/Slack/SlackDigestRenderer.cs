using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CrmSignalWorker.Core.Digests;
using CrmSignalWorker.Core.Signals;

namespace CrmSignalWorker.Notifications.Slack;

/// <summary>
/// Renders a digest as a Block Kit message for an incoming webhook: a header, a context line, one
/// section per breach and a closing summary. Slack rejects whole messages that break its limits
/// (https://api.slack.com/reference/block-kit/blocks), so everything is cut to fit and every cut says so.
/// </summary>
public sealed class SlackDigestRenderer
{
    internal const int MaxBlocks = 50;
    internal const int MaxSectionTextLength = 3000;
    internal const int MaxHeaderTextLength = 150;

    /// <summary>Header, context and summary; every other block is a breach.</summary>
    internal const int MaxBreachSections = MaxBlocks - 3;

    /// <summary>User-supplied names are cut before escaping so an entity such as &amp;amp; is never split.</summary>
    private const int MaxNameLength = 150;

    // The body travels to Slack over HTTPS and is never embedded in a page, so HTML-safe escaping
    // would only turn "…" and non-Latin segment names into \u sequences.
    private static readonly JsonWriterOptions s_writerOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "Renderers are injected services; an instance method keeps that seam.")]
    public SlackWebhookMessage Render(Digest digest)
    {
        ArgumentNullException.ThrowIfNull(digest);

        var breaches = DigestFormat.Ordered(digest.Breaches);
        var shown = breaches.Count <= MaxBreachSections ? breaches : breaches.Take(MaxBreachSections).ToList();

        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, s_writerOptions))
        {
            json.WriteStartObject();
            json.WriteString("text", FallbackText(digest, breaches.Count));
            json.WriteStartArray("blocks");

            WriteHeader(json, HeaderText(digest, breaches.Count));
            WriteContext(json, ContextText(digest));
            foreach (var breach in shown)
            {
                WriteSection(json, BreachText(breach, digest.InstanceUrl));
            }

            WriteSection(json, SummaryText(digest, breaches.Count - shown.Count));

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return new SlackWebhookMessage(Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    /// <summary>Shown in notifications and by clients that cannot draw blocks; Slack parses it as mrkdwn.</summary>
    private static string FallbackText(Digest digest, int breachCount) =>
        SlackMrkdwn.Escape(
            $"{DigestFormat.Title(Name(digest.Audience))}: {DigestFormat.BreachCount(breachCount)} ({DigestFormat.Period(digest)})");

    /// <summary>The count goes last but is never cut: the audience gives way first.</summary>
    private static string HeaderText(Digest digest, int breachCount)
    {
        var suffix = $": {DigestFormat.BreachCount(breachCount)}";
        var title = TextLimits.Truncate(DigestFormat.Title(digest.Audience), MaxHeaderTextLength - suffix.Length);
        return title + suffix;
    }

    private static string ContextText(Digest digest) =>
        $"{DigestFormat.Period(digest)} · {DigestFormat.Number(digest.Values.Count)} evaluations · generated {DigestFormat.Timestamp(digest.GeneratedAt)}";

    private static string BreachText(SignalValue breach, string? instanceUrl)
    {
        var text = new StringBuilder();
        text.Append('*').Append(SlackMrkdwn.Escape(Name(SignalNames.Describe(breach.Signal)))).Append('*')
            .Append(" · ").Append(DigestFormat.Day(breach.Day))
            .Append(" · *").Append(SlackMrkdwn.Escape(Name(breach.Segment))).Append('*')
            .Append('\n')
            .Append("Rate *").Append(DigestFormat.Percent(breach.Value)).Append("* vs threshold ")
            .Append(DigestFormat.Percent(breach.Threshold))
            .Append(" (").Append(DigestFormat.Ratio(breach)).Append(" records)");

        if (breach.OffendingRecordIds.Count > 0)
        {
            text.Append('\n').Append("Records: ");
            var links = breach.OffendingRecordIds
                .Select(id => SlackMrkdwn.Link(DigestFormat.RecordUrl(instanceUrl, id), id))
                .ToList();
            text.Append(TextLimits.JoinWithin(links, ", ", MaxSectionTextLength - text.Length));
        }

        return text.ToString();
    }

    private static string SummaryText(Digest digest, int breachesNotShown)
    {
        var withinThreshold = digest.Values.Count(v => !v.Breached);
        var text = new StringBuilder();
        if (breachesNotShown > 0)
        {
            // Slack caps a message at 50 blocks; say how many breaches that hid instead of dropping them.
            text.Append(TextLimits.MoreNote(breachesNotShown)).Append(" breaches not shown here.\n");
        }

        text.Append(withinThreshold switch
        {
            0 when digest.Values.Count == 0 => "No evaluations in this period.",
            0 => "No evaluations were within threshold.",
            1 => "1 other evaluation was within threshold.",
            _ => $"{DigestFormat.Number(withinThreshold)} other evaluations were within threshold.",
        });

        // In the closing section rather than a block of its own, so breaches keep every block Slack allows.
        if (digest.Coverage is { } coverage)
        {
            text.Append("\n*").Append(DigestFormat.CoverageTitle).Append("* · ").Append(SlackMrkdwn.Escape(DigestFormat.CoverageExplanation(coverage))).Append('\n');
            text.Append(coverage.ByObject.Count == 0
                ? DigestFormat.NoCoveredChanges
                : string.Join('\n', coverage.ByObject.Select(s => "• " + SlackMrkdwn.Escape(Name(DigestFormat.CoverageLine(s, coverage.Target))))));
        }

        return text.ToString();
    }

    private static string Name(string userText) => TextLimits.Truncate(userText, MaxNameLength);

    private static void WriteHeader(Utf8JsonWriter json, string plainText)
    {
        json.WriteStartObject();
        json.WriteString("type", "header");
        json.WriteStartObject("text");
        json.WriteString("type", "plain_text");
        json.WriteString("text", plainText);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteContext(Utf8JsonWriter json, string mrkdwn)
    {
        json.WriteStartObject();
        json.WriteString("type", "context");
        json.WriteStartArray("elements");
        json.WriteStartObject();
        json.WriteString("type", "mrkdwn");
        json.WriteString("text", mrkdwn);
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteSection(Utf8JsonWriter json, string mrkdwn)
    {
        json.WriteStartObject();
        json.WriteString("type", "section");
        json.WriteStartObject("text");
        json.WriteString("type", "mrkdwn");
        json.WriteString("text", mrkdwn);
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
