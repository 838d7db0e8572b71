using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using CrmSignalWorker.Core.AuditLog;

namespace CrmSignalWorker.AuditLog;

/// <summary>
/// The export of the audit log: JSON Lines, one entry per line in position order, then a closing line with the
/// entry count and the chain head. Everything needed to re-check the chain is in the file, so it can be verified
/// without the database; the head can be compared with one recorded elsewhere (a digest, an earlier export).
/// </summary>
internal static class AuditExportFile
{
    public const string Format = "crmsignal-audit-log/1";

    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public static async Task<(long Entries, string Head)> WriteAsync(IAsyncEnumerable<AuditEntry> entries, TextWriter writer, DateTimeOffset exportedAt, CancellationToken ct)
    {
        await writer.WriteLineAsync(JsonSerializer.Serialize(new Line { Format = Format, ExportedAt = exportedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture) }, Json));
        long count = 0;
        var head = AuditChain.GenesisHash;
        await foreach (var entry in entries.WithCancellation(ct))
        {
            await writer.WriteLineAsync(JsonSerializer.Serialize(
                new Line
                {
                    Position = entry.Position,
                    RecordedAt = entry.Record.StoredInstant.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
                    Kind = entry.Record.Kind,
                    Actor = entry.Record.Actor,
                    Subject = entry.Record.Subject,
                    Detail = entry.Record.Detail,
                    PreviousHash = entry.PreviousHash,
                    Hash = entry.Hash,
                },
                Json));
            count++;
            head = entry.Hash;
        }

        await writer.WriteLineAsync(JsonSerializer.Serialize(new Line { Entries = count, Head = head }, Json));
        return (count, head);
    }

    /// <summary>Checks an exported file: the chain of its entries, and that its closing line names the chain's real head.</summary>
    /// <exception cref="FormatException">The file is not an audit export; the message names the line.</exception>
    public static async Task<AuditVerification> VerifyAsync(TextReader reader, string? expectedHead, CancellationToken ct)
    {
        var verifier = new AuditChainVerifier(expectedHead);
        Line? closing = null;
        var number = 0;
        while (await reader.ReadLineAsync(ct) is { } text)
        {
            number++;
            if (text.Length == 0)
            {
                continue;
            }

            var line = Parse(text, number);
            if (number == 1)
            {
                if (line.Format != Format)
                {
                    throw new FormatException($"line 1: not an audit log export (format '{line.Format}', expected '{Format}')");
                }

                continue;
            }

            if (closing is not null)
            {
                throw new FormatException($"line {number}: entries follow the closing line");
            }

            if (line.Head is not null)
            {
                closing = line;
                continue;
            }

            verifier.Add(ToEntry(line, number));
        }

        var result = verifier.Complete();
        if (closing is null)
        {
            throw new FormatException("the file has no closing line with the chain head: it was cut short");
        }

        if (result.Intact && (closing.Head != result.Head || closing.Entries != result.Entries))
        {
            return result with
            {
                BrokenAt = result.Entries + 1,
                Problem = $"the closing line names {closing.Entries} entries ending at head {closing.Head}, but the chain in the file has {result.Entries} ending at {result.Head}",
            };
        }

        return result;
    }

    private static Line Parse(string text, int number)
    {
        try
        {
            return JsonSerializer.Deserialize<Line>(text, Json) ?? throw new FormatException($"line {number}: empty JSON");
        }
        catch (JsonException ex)
        {
            throw new FormatException($"line {number}: not valid JSON ({ex.Message})", ex);
        }
    }

    private static AuditEntry ToEntry(Line line, int number)
    {
        if (line.Position is not { } position || line.Kind is null || line.Actor is null || line.Subject is null || line.Detail is null
            || line.PreviousHash is null || line.Hash is null
            || !DateTimeOffset.TryParse(line.RecordedAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var recordedAt))
        {
            throw new FormatException($"line {number}: an entry needs position, recorded_at, kind, actor, subject, detail, previous_hash and hash");
        }

        return new AuditEntry(position, new AuditRecord(line.Kind, line.Actor, line.Subject, line.Detail, recordedAt), line.PreviousHash, line.Hash);
    }

    private sealed class Line
    {
        [JsonPropertyName("format")]
        public string? Format { get; set; }

        [JsonPropertyName("exported_at")]
        public string? ExportedAt { get; set; }

        [JsonPropertyName("position")]
        public long? Position { get; set; }

        [JsonPropertyName("recorded_at")]
        public string? RecordedAt { get; set; }

        [JsonPropertyName("kind")]
        public string? Kind { get; set; }

        [JsonPropertyName("actor")]
        public string? Actor { get; set; }

        [JsonPropertyName("subject")]
        public string? Subject { get; set; }

        [JsonPropertyName("detail")]
        public string? Detail { get; set; }

        [JsonPropertyName("previous_hash")]
        public string? PreviousHash { get; set; }

        [JsonPropertyName("hash")]
        public string? Hash { get; set; }

        [JsonPropertyName("entries")]
        public long? Entries { get; set; }

        [JsonPropertyName("head")]
        public string? Head { get; set; }
    }
}
