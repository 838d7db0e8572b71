using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Text;
using CrmSignalWorker.Core.Digests;
using CrmSignalWorker.Core.Lineage;
using CrmSignalWorker.Core.Signals;

namespace CrmSignalWorker.Notifications.Email;

/// <summary>
/// Renders a digest as an email: an HTML table of every evaluation with breaches highlighted, and a
/// plain-text part that stands on its own for clients (and people) that do not show HTML.
/// </summary>
public sealed class EmailDigestRenderer
{
    // Mail clients strip <style> blocks, so every rule is inline.
    private const string BodyStyle = "margin:0;padding:24px;background:#f4f5f7;font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;color:#1f2933;";
    private const string CardStyle = "max-width:1000px;margin:0 auto;background:#ffffff;border:1px solid #e1e4e8;border-radius:6px;padding:24px;";
    private const string TableStyle = "border-collapse:collapse;width:100%;font-size:13px;";
    private const string HeadCellStyle = "text-align:left;padding:8px;border-bottom:2px solid #d0d5dd;background:#f8f9fb;white-space:nowrap;";
    private const string NumberHeadCellStyle = "text-align:right;padding:8px;border-bottom:2px solid #d0d5dd;background:#f8f9fb;white-space:nowrap;";
    private const string CellStyle = "padding:8px;border-bottom:1px solid #e1e4e8;vertical-align:top;";
    private const string NumberCellStyle = CellStyle + "text-align:right;white-space:nowrap;";
    private const string BreachedRowStyle = "background:#fdecea;";
    private const string BreachedStatusStyle = CellStyle + "color:#b42318;font-weight:bold;white-space:nowrap;";
    private const string OkStatusStyle = CellStyle + "color:#2f7d4f;white-space:nowrap;";
    private const string LinkStyle = "color:#1d4ed8;";
    private const string BelowTargetStyle = "color:#b42318;font-weight:bold;";
    private const string MeetsTargetStyle = "color:#2f7d4f;";

    private const int MaxSubjectAudienceLength = 120;

    [SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "Renderers are injected services; an instance method keeps that seam.")]
    public (string Subject, string Html, string Text) Render(Digest digest)
    {
        ArgumentNullException.ThrowIfNull(digest);

        var values = DigestFormat.Ordered(digest.Values);
        var breachCount = values.Count(v => v.Breached);
        var subject = Subject(digest, breachCount);
        return (subject, Html(digest, subject, values, breachCount), Text(digest, values, breachCount));
    }

    private static string Subject(Digest digest, int breachCount)
    {
        // A line break in a header value would end the header; configuration should never contain one.
        var audience = TextLimits.Truncate(OneLine(digest.Audience), MaxSubjectAudienceLength);
        return $"{DigestFormat.Title(audience)}, {DigestFormat.Period(digest)}: {DigestFormat.BreachCount(breachCount)}";
    }

    private static string Html(Digest digest, string subject, IReadOnlyList<SignalValue> values, int breachCount)
    {
        var html = new StringBuilder(4096 + (values.Count * 512));
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(Encode(subject)).Append("</title>\n</head>\n")
            .Append("<body style=\"").Append(BodyStyle).Append("\">\n")
            .Append("<div style=\"").Append(CardStyle).Append("\">\n")
            .Append("<h1 style=\"font-size:20px;margin:0 0 4px;\">").Append(Encode(DigestFormat.Title(digest.Audience))).Append("</h1>\n")
            .Append("<p style=\"margin:0 0 16px;color:#52606d;font-size:13px;\">")
            .Append(Encode(DigestFormat.Period(digest))).Append(" &middot; generated ").Append(Encode(DigestFormat.Timestamp(digest.GeneratedAt)))
            .Append("</p>\n")
            .Append("<p style=\"margin:0 0 16px;font-size:15px;\"><strong>").Append(DigestFormat.BreachCount(breachCount))
            .Append("</strong> out of ").Append(DigestFormat.Number(values.Count)).Append(" evaluations.</p>\n");

        if (values.Count == 0)
        {
            html.Append("<p style=\"margin:0;\">No evaluations in this period.</p>\n");
        }
        else
        {
            html.Append("<table style=\"").Append(TableStyle).Append("\">\n<thead>\n<tr>");
            foreach (var heading in (ReadOnlySpan<string>)["Signal", "Day", "Segment", "Rate", "Threshold", "n / d", "Status", "Records"])
            {
                var style = heading is "Rate" or "Threshold" or "n / d" ? NumberHeadCellStyle : HeadCellStyle;
                html.Append("<th style=\"").Append(style).Append("\">").Append(heading).Append("</th>");
            }

            html.Append("</tr>\n</thead>\n<tbody>\n");
            foreach (var value in values)
            {
                AppendRow(html, value, digest.InstanceUrl);
            }

            html.Append("</tbody>\n</table>\n");
        }

        if (digest.Coverage is { } coverage)
        {
            AppendCoverage(html, coverage);
        }

        html.Append("</div>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void AppendCoverage(StringBuilder html, AttributionCoverage coverage)
    {
        html.Append("<h2 style=\"font-size:16px;margin:24px 0 8px;\">").Append(Encode(DigestFormat.CoverageTitle)).Append("</h2>\n")
            .Append("<p style=\"margin:0 0 8px;color:#52606d;font-size:13px;\">").Append(Encode(DigestFormat.CoverageExplanation(coverage))).Append("</p>\n");
        if (coverage.ByObject.Count == 0)
        {
            html.Append("<p style=\"margin:0;\">").Append(Encode(DigestFormat.NoCoveredChanges)).Append("</p>\n");
            return;
        }

        html.Append("<ul style=\"margin:0;padding-left:20px;font-size:13px;\">\n");
        foreach (var share in coverage.ByObject)
        {
            html.Append("<li style=\"").Append(share.MeetsTarget ? MeetsTargetStyle : BelowTargetStyle).Append("\">")
                .Append(Encode(DigestFormat.CoverageLine(share, coverage.Target))).Append("</li>\n");
        }

        html.Append("</ul>\n");
    }

    private static void AppendRow(StringBuilder html, SignalValue value, string? instanceUrl)
    {
        html.Append(value.Breached ? $"<tr style=\"{BreachedRowStyle}\">" : "<tr>");
        Cell(html, CellStyle, Encode(SignalNames.Describe(value.Signal)));
        Cell(html, CellStyle + "white-space:nowrap;", DigestFormat.Day(value.Day));
        Cell(html, CellStyle, Encode(value.Segment));
        Cell(html, NumberCellStyle, Encode(DigestFormat.Percent(value.Value)));
        Cell(html, NumberCellStyle, Encode(DigestFormat.Percent(value.Threshold)));
        Cell(html, NumberCellStyle, $"{DigestFormat.Number(value.Numerator)} / {DigestFormat.Number(value.Denominator)}");
        Cell(html, value.Breached ? BreachedStatusStyle : OkStatusStyle, value.Breached ? "Breached" : "OK");
        Cell(html, CellStyle, RecordLinks(value.OffendingRecordIds, instanceUrl));
        html.Append("</tr>\n");
    }

    private static string RecordLinks(IReadOnlyList<string> recordIds, string? instanceUrl) =>
        string.Join(", ", recordIds.Select(id => DigestFormat.RecordUrl(instanceUrl, id) is { } url
            ? $"<a href=\"{Encode(url)}\" style=\"{LinkStyle}\">{Encode(id)}</a>"
            : Encode(id)));

    private static void Cell(StringBuilder html, string style, string innerHtml) =>
        html.Append("<td style=\"").Append(style).Append("\">").Append(innerHtml).Append("</td>");

    private static string Text(Digest digest, IReadOnlyList<SignalValue> values, int breachCount)
    {
        var text = new StringBuilder(2048 + (values.Count * 256));
        text.Append(DigestFormat.Title(digest.Audience)).Append('\n')
            .Append("Period: ").Append(DigestFormat.Period(digest))
            .Append(" (generated ").Append(DigestFormat.Timestamp(digest.GeneratedAt)).Append(")\n\n")
            .Append(DigestFormat.BreachCount(breachCount)).Append(" out of ").Append(DigestFormat.Number(values.Count))
            .Append(" evaluations.\n");

        if (breachCount > 0)
        {
            text.Append("\nBREACHES\n");
            foreach (var breach in values.Where(v => v.Breached))
            {
                text.Append('\n');
                AppendTextLine(text, breach);
                if (breach.OffendingRecordIds.Count > 0)
                {
                    text.Append("  Records:\n");
                    foreach (var id in breach.OffendingRecordIds)
                    {
                        text.Append("    ").Append(id);
                        if (DigestFormat.RecordUrl(digest.InstanceUrl, id) is { } url)
                        {
                            text.Append("  ").Append(url);
                        }

                        text.Append('\n');
                    }
                }
            }
        }

        var withinThreshold = values.Where(v => !v.Breached).ToList();
        if (withinThreshold.Count > 0)
        {
            text.Append("\nWITHIN THRESHOLD\n\n");
            foreach (var value in withinThreshold)
            {
                AppendTextLine(text, value);
            }
        }

        if (digest.Coverage is { } coverage)
        {
            text.Append('\n').Append(DigestFormat.CoverageTitle.ToUpperInvariant()).Append("\n\n")
                .Append(DigestFormat.CoverageExplanation(coverage)).Append('\n');
            if (coverage.ByObject.Count == 0)
            {
                text.Append(DigestFormat.NoCoveredChanges).Append('\n');
            }

            foreach (var share in coverage.ByObject)
            {
                text.Append("- ").Append(DigestFormat.CoverageLine(share, coverage.Target)).Append('\n');
            }
        }

        return text.ToString();
    }

    private static void AppendTextLine(StringBuilder text, SignalValue value) =>
        text.Append("- ").Append(SignalNames.Describe(value.Signal))
            .Append(", ").Append(DigestFormat.Day(value.Day))
            .Append(", segment ").Append(value.Segment).Append('\n')
            .Append("  Rate ").Append(DigestFormat.Percent(value.Value))
            .Append(value.Breached ? " exceeds threshold " : " within threshold ")
            .Append(DigestFormat.Percent(value.Threshold))
            .Append(" (").Append(DigestFormat.Ratio(value)).Append(" records)\n");

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static string OneLine(string text) =>
        string.Join(' ', text.Split((char[])['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
