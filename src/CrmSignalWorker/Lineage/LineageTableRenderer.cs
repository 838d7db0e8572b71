using System.Diagnostics.CodeAnalysis;
using System.Text;
using CrmSignalWorker.Core.Lineage;

namespace CrmSignalWorker.Lineage;

/// <summary>
/// The inventory as aligned text for a terminal: one row per field, writer and write path with its share of the field,
/// then the write paths per field, then attribution coverage. Missing parts print as "unknown".
/// </summary>
public sealed class LineageTableRenderer
{
    private static readonly HashSet<int> WriterNumbers = [7, 8];
    private static readonly HashSet<int> ChannelNumbers = [3, 4];
    private static readonly HashSet<int> CoverageNumbers = [2, 3, 4];

    [SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "Renderers are injected services; an instance method keeps that seam.")]
    public string Render(LineageReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var inventory = report.Inventory;
        var text = new StringBuilder();
        text.Append(LineageFormat.Title).Append(", ").Append(LineageFormat.Window(report.Window)).Append('\n')
            .Append(LineageFormat.Number(inventory.Writes)).Append(" writes to ").Append(LineageFormat.Number(inventory.Fields.Count)).Append(" fields; ")
            .Append("unknown actor: ").Append(LineageFormat.PartOf(inventory.UnknownActorWrites, inventory.Writes)).Append("; ")
            .Append("unknown channel: ").Append(LineageFormat.PartOf(inventory.UnknownChannelWrites, inventory.Writes)).Append('\n');

        if (inventory.Fields.Count == 0)
        {
            text.Append("\nNo writes were stored in this window.\n");
        }
        else
        {
            text.Append("\nWRITERS (share of the field's writes)\n");
            var writers = new TextTable(["OBJECT", "FIELD", "ACTOR KIND", "TEAM", "CLIENT", "AUTOMATION", "CHANNEL", "WRITES", "SHARE"], WriterNumbers);
            foreach (var field in inventory.Fields)
            {
                foreach (var writer in field.Writers)
                {
                    writers.Add(
                        field.ObjectName,
                        field.Field,
                        writer.Writer.ActorKind,
                        LineageText.OrUnknown(writer.Writer.Team),
                        LineageText.OrUnknown(writer.Writer.ClientName),
                        LineageText.OrUnknown(writer.Writer.AutomationId),
                        writer.Channel,
                        LineageFormat.Number(writer.Writes),
                        LineageFormat.Percent(writer.Share));
                }
            }

            writers.WriteTo(text);

            text.Append("\nWRITE PATHS (share of the field's writes)\n");
            var channels = new TextTable(["OBJECT", "FIELD", "CHANNEL", "WRITES", "SHARE"], ChannelNumbers);
            foreach (var field in inventory.Fields)
            {
                foreach (var channel in field.Channels)
                {
                    channels.Add(field.ObjectName, field.Field, channel.Channel, LineageFormat.Number(channel.Writes), LineageFormat.Percent(channel.Share));
                }
            }

            channels.WriteTo(text);
        }

        AppendCoverage(text, report.Coverage);
        return text.ToString();
    }

    private static void AppendCoverage(StringBuilder text, AttributionCoverage coverage)
    {
        text.Append('\n').Append(LineageFormat.CoverageTitle.ToUpperInvariant())
            .Append(" (").Append(LineageFormat.CoverageExplanation).Append("; target ").Append(LineageFormat.Percent(coverage.Target)).Append(")\n");
        if (coverage.ByObject.Count == 0)
        {
            text.Append("No stage or owner changes were stored in this window.\n");
            return;
        }

        var table = new TextTable(["OBJECT", "SOURCE", "CHANGES", "ATTRIBUTED", "SHARE", "TARGET"], CoverageNumbers);
        foreach (var byObject in coverage.ByObject)
        {
            foreach (var share in coverage.BySource.Where(s => s.ObjectName == byObject.ObjectName).Append(byObject))
            {
                table.Add(
                    share.ObjectName,
                    LineageFormat.Source(share),
                    LineageFormat.Number(share.Changes),
                    LineageFormat.Number(share.Attributed),
                    LineageFormat.Percent(share.Share),
                    LineageFormat.Verdict(share));
            }
        }

        table.WriteTo(text);
    }
}
