using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Text;
using CrmSignalWorker.Core.Lineage;

namespace CrmSignalWorker.Lineage;

/// <summary>
/// The inventory as one self-contained HTML page: styles inline in the head, no scripts, fonts or images to fetch, so
/// it can be mailed or attached to a ticket. Every value from the org (object, field, team, client, automation names)
/// is HTML-encoded: they are user-supplied text and may hold markup.
/// </summary>
public sealed class LineageHtmlRenderer
{
    private const string Style =
        """
        body{margin:0;padding:24px;background:#f4f5f7;font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;color:#1f2933}
        main{max-width:1200px;margin:0 auto;background:#fff;border:1px solid #e1e4e8;border-radius:6px;padding:24px}
        h1{font-size:20px;margin:0 0 4px}h2{font-size:16px;margin:24px 0 8px}h3{font-size:14px;margin:16px 0 4px}
        p.meta{margin:0 0 16px;color:#52606d;font-size:13px}
        table{border-collapse:collapse;width:100%;font-size:13px;margin-bottom:8px}
        th{text-align:left;padding:6px 8px;border-bottom:2px solid #d0d5dd;background:#f8f9fb;white-space:nowrap}
        td{padding:6px 8px;border-bottom:1px solid #e1e4e8;vertical-align:top}
        .n{text-align:right;white-space:nowrap}.unknown{color:#b42318}.below{color:#b42318;font-weight:bold}.met{color:#2f7d4f}
        """;

    [SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "Renderers are injected services; an instance method keeps that seam.")]
    public string Render(LineageReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var inventory = report.Inventory;
        var html = new StringBuilder(8192);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(Encode(LineageFormat.Title)).Append(", ").Append(Encode(LineageFormat.Window(report.Window))).Append("</title>\n")
            .Append("<style>\n").Append(Style).Append("\n</style>\n</head>\n<body>\n<main>\n")
            .Append("<h1>").Append(Encode(LineageFormat.Title)).Append("</h1>\n")
            .Append("<p class=\"meta\">").Append(Encode(LineageFormat.Window(report.Window)))
            .Append(" &middot; generated ").Append(Encode(LineageFormat.Instant(report.GeneratedAt))).Append("</p>\n")
            .Append("<p>").Append(Encode(LineageFormat.Number(inventory.Writes))).Append(" writes to ")
            .Append(Encode(LineageFormat.Number(inventory.Fields.Count))).Append(" fields. Unknown actor: ")
            .Append(Encode(LineageFormat.PartOf(inventory.UnknownActorWrites, inventory.Writes))).Append(". Unknown channel: ")
            .Append(Encode(LineageFormat.PartOf(inventory.UnknownChannelWrites, inventory.Writes))).Append(".</p>\n");

        if (inventory.Fields.Count == 0)
        {
            html.Append("<p>No writes were stored in this window.</p>\n");
        }

        foreach (var field in inventory.Fields)
        {
            AppendField(html, field);
        }

        AppendCoverage(html, report.Coverage);
        html.Append("</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void AppendField(StringBuilder html, FieldLineage field)
    {
        html.Append("<h2>").Append(Encode(field.ObjectName)).Append('.').Append(Encode(field.Field))
            .Append(" <small>(").Append(Encode(LineageFormat.Number(field.Writes))).Append(" writes)</small></h2>\n")
            .Append("<h3>Writers</h3>\n<table>\n<thead><tr><th>Actor kind</th><th>Team</th><th>Client</th><th>Automation</th><th>Channel</th>")
            .Append("<th class=\"n\">Writes</th><th class=\"n\">Share</th></tr></thead>\n<tbody>\n");
        foreach (var writer in field.Writers)
        {
            html.Append("<tr>");
            Cell(html, writer.Writer.ActorKind);
            Cell(html, writer.Writer.Team);
            Cell(html, writer.Writer.ClientName);
            Cell(html, writer.Writer.AutomationId);
            Cell(html, writer.Channel);
            NumberCell(html, LineageFormat.Number(writer.Writes));
            NumberCell(html, LineageFormat.Percent(writer.Share));
            html.Append("</tr>\n");
        }

        html.Append("</tbody>\n</table>\n<h3>Write paths</h3>\n<table>\n<thead><tr><th>Channel</th><th class=\"n\">Writes</th><th class=\"n\">Share</th></tr></thead>\n<tbody>\n");
        foreach (var channel in field.Channels)
        {
            html.Append("<tr>");
            Cell(html, channel.Channel);
            NumberCell(html, LineageFormat.Number(channel.Writes));
            NumberCell(html, LineageFormat.Percent(channel.Share));
            html.Append("</tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
    }

    private static void AppendCoverage(StringBuilder html, AttributionCoverage coverage)
    {
        html.Append("<h2>").Append(Encode(LineageFormat.CoverageTitle)).Append("</h2>\n<p class=\"meta\">")
            .Append(Encode(LineageFormat.CoverageExplanation)).Append("; target ").Append(Encode(LineageFormat.Percent(coverage.Target))).Append("</p>\n");
        if (coverage.ByObject.Count == 0)
        {
            html.Append("<p>No stage or owner changes were stored in this window.</p>\n");
            return;
        }

        html.Append("<table>\n<thead><tr><th>Object</th><th>Source</th><th class=\"n\">Changes</th><th class=\"n\">Attributed</th>")
            .Append("<th class=\"n\">Share</th><th>Target</th></tr></thead>\n<tbody>\n");
        foreach (var byObject in coverage.ByObject)
        {
            foreach (var share in coverage.BySource.Where(s => s.ObjectName == byObject.ObjectName).Append(byObject))
            {
                html.Append("<tr>");
                Cell(html, share.ObjectName);
                Cell(html, LineageFormat.Source(share));
                NumberCell(html, LineageFormat.Number(share.Changes));
                NumberCell(html, LineageFormat.Number(share.Attributed));
                NumberCell(html, LineageFormat.Percent(share.Share));
                html.Append("<td class=\"").Append(share.MeetsTarget ? "met" : "below").Append("\">").Append(Encode(LineageFormat.Verdict(share))).Append("</td>");
                html.Append("</tr>\n");
            }
        }

        html.Append("</tbody>\n</table>\n");
    }

    /// <summary>A text cell; a part the store does not know is marked so it stands out rather than blends in.</summary>
    private static void Cell(StringBuilder html, string? value)
    {
        var text = LineageText.OrUnknown(value);
        html.Append(text == LineageText.Unknown ? "<td class=\"unknown\">" : "<td>").Append(Encode(text)).Append("</td>");
    }

    private static void NumberCell(StringBuilder html, string value) => html.Append("<td class=\"n\">").Append(Encode(value)).Append("</td>");

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
