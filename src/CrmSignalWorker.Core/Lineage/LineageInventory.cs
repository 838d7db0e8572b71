namespace CrmSignalWorker.Core.Lineage;

/// <summary>
/// The field-to-writers inventory (the lineage worksheet, computed): per tracked field, who wrote it and through which
/// path, with counts and shares over a window. Built from the query's tallies without adding to them: writes whose
/// actor or channel no rule settled stay in their own <see cref="LineageText.Unknown"/> rows, so the shares show how
/// much of a field is unexplained instead of spreading it over the known writers.
/// </summary>
public sealed record LineageInventory(
    LineageWindow Window,
    long Writes,
    long UnknownActorWrites,
    long UnknownChannelWrites,
    IReadOnlyList<FieldLineage> Fields)
{
    /// <summary>Ordinal order with the unknown (null) parts after the known ones.</summary>
    private static readonly Comparer<string?> KnownFirst = Comparer<string?>.Create((a, b) => (a, b) switch
    {
        (null, null) => 0,
        (null, _) => 1,
        (_, null) => -1,
        _ => string.CompareOrdinal(a, b),
    });

    public static LineageInventory Build(LineageWindow window, IEnumerable<WriterTally> tallies)
    {
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(tallies);

        // The query groups already; merging again keeps the result right when a caller passes rows that repeat a
        // writer (e.g. blank and null client names, which both mean "not known").
        var merged = tallies
            .Where(t => t.Writes > 0)
            .Select(Normalize)
            .GroupBy(t => (t.ObjectName, t.Field, t.Writer, t.Channel))
            .Select(g => g.First() with { Writes = g.Sum(t => t.Writes) })
            .ToList();

        var fields = merged
            .GroupBy(t => (t.ObjectName, t.Field))
            .Select(g => Field(g.Key.ObjectName, g.Key.Field, [.. g]))
            .OrderBy(f => f.ObjectName, StringComparer.Ordinal)
            .ThenBy(f => f.Field, StringComparer.Ordinal)
            .ToList();

        return new LineageInventory(
            window,
            merged.Sum(t => t.Writes),
            merged.Where(t => t.Writer.ActorKind == LineageText.Unknown).Sum(t => t.Writes),
            merged.Where(t => t.Channel == LineageText.Unknown).Sum(t => t.Writes),
            fields);
    }

    private static FieldLineage Field(string objectName, string field, List<WriterTally> tallies)
    {
        var total = tallies.Sum(t => t.Writes);
        var writers = tallies
            .Select(t => new WriterShare(t.Writer, t.Channel, t.Writes, Shares.Of(t.Writes, total)))
            .OrderByDescending(w => w.Writes)
            .ThenBy(w => w.Writer.ActorKind, StringComparer.Ordinal)
            .ThenBy(w => w.Writer.Team, KnownFirst)
            .ThenBy(w => w.Writer.ClientName, KnownFirst)
            .ThenBy(w => w.Writer.AutomationId, KnownFirst)
            .ThenBy(w => w.Channel, StringComparer.Ordinal)
            .ToList();
        var channels = tallies
            .GroupBy(t => t.Channel, StringComparer.Ordinal)
            .Select(g => new ChannelShare(g.Key, g.Sum(t => t.Writes), Shares.Of(g.Sum(t => t.Writes), total)))
            .OrderByDescending(c => c.Writes)
            .ThenBy(c => c.Channel, StringComparer.Ordinal)
            .ToList();
        return new FieldLineage(objectName, field, total, writers, channels);
    }

    /// <summary>Blank text is as unknown as null; actor kind and channel fall back to the word the store uses.</summary>
    private static WriterTally Normalize(WriterTally tally) => tally with
    {
        Writer = new Writer(
            string.IsNullOrWhiteSpace(tally.Writer.ActorKind) ? LineageText.Unknown : tally.Writer.ActorKind,
            Known(tally.Writer.Team),
            Known(tally.Writer.ClientName),
            Known(tally.Writer.AutomationId)),
        Channel = string.IsNullOrWhiteSpace(tally.Channel) ? LineageText.Unknown : tally.Channel,
    };

    private static string? Known(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
