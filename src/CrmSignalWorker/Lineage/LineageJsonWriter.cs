using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using CrmSignalWorker.Core.Lineage;

namespace CrmSignalWorker.Lineage;

/// <summary>
/// The inventory as JSON for scripts. The field names are a contract (README, `crmsignal lineage --json`), written
/// one by one rather than reflected from the records, so renaming a C# property cannot rename a field. A missing
/// team, client or automation is null; actor kind and channel carry the store's word "unknown".
/// </summary>
public sealed class LineageJsonWriter
{
    /// <summary>Raised only when a field changes meaning or goes away; new fields may appear within a version.</summary>
    public const int SchemaVersion = 1;

    /// <summary>Shares keep four decimals (0.1234 is 12.34 %): finer digits only add noise to diffs.</summary>
    private const int ShareDecimals = 4;

    [SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "Renderers are injected services; an instance method keeps that seam.")]
    public string Write(LineageReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            var inventory = report.Inventory;
            json.WriteStartObject();
            json.WriteNumber("schemaVersion", SchemaVersion);
            json.WriteString("generatedAt", LineageFormat.Instant(report.GeneratedAt));
            json.WriteStartObject("window");
            json.WriteString("from", LineageFormat.Instant(report.Window.From));
            json.WriteString("to", LineageFormat.Instant(report.Window.To));
            json.WriteEndObject();
            json.WriteNumber("writes", inventory.Writes);
            json.WriteNumber("unknownActorWrites", inventory.UnknownActorWrites);
            json.WriteNumber("unknownChannelWrites", inventory.UnknownChannelWrites);
            json.WriteStartArray("fields");
            foreach (var field in inventory.Fields)
            {
                WriteField(json, field);
            }

            json.WriteEndArray();
            WriteCoverage(json, report.Coverage);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteField(Utf8JsonWriter json, FieldLineage field)
    {
        json.WriteStartObject();
        json.WriteString("object", field.ObjectName);
        json.WriteString("field", field.Field);
        json.WriteNumber("writes", field.Writes);
        json.WriteStartArray("writers");
        foreach (var writer in field.Writers)
        {
            json.WriteStartObject();
            json.WriteString("actorKind", writer.Writer.ActorKind);
            json.WriteString("team", writer.Writer.Team);
            json.WriteString("clientName", writer.Writer.ClientName);
            json.WriteString("automationId", writer.Writer.AutomationId);
            json.WriteString("channel", writer.Channel);
            json.WriteNumber("writes", writer.Writes);
            json.WriteNumber("share", Math.Round(writer.Share, ShareDecimals));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("channels");
        foreach (var channel in field.Channels)
        {
            json.WriteStartObject();
            json.WriteString("channel", channel.Channel);
            json.WriteNumber("writes", channel.Writes);
            json.WriteNumber("share", Math.Round(channel.Share, ShareDecimals));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteCoverage(Utf8JsonWriter json, AttributionCoverage coverage)
    {
        json.WriteStartObject("coverage");
        json.WriteNumber("target", coverage.Target);
        WriteShares(json, "bySource", coverage.BySource);
        WriteShares(json, "byObject", coverage.ByObject);
        json.WriteEndObject();
    }

    private static void WriteShares(Utf8JsonWriter json, string name, IReadOnlyList<CoverageShare> shares)
    {
        json.WriteStartArray(name);
        foreach (var share in shares)
        {
            json.WriteStartObject();
            json.WriteString("object", share.ObjectName);
            json.WriteString("source", share.Source);
            json.WriteNumber("changes", share.Changes);
            json.WriteNumber("attributed", share.Attributed);
            json.WriteNumber("share", Math.Round(share.Share, ShareDecimals));
            json.WriteBoolean("meetsTarget", share.MeetsTarget);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}
