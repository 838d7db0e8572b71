namespace CrmSignalWorker.Core.Lineage;

/// <summary>Words every rendering of the inventory shares, so the table, JSON and HTML never disagree.</summary>
public static class LineageText
{
    /// <summary>The value the store spells for an actor kind or channel no rule settled, and how any missing part is shown.</summary>
    public const string Unknown = "unknown";

    /// <summary>A missing part of a writer (team, client, automation) as the renderings show it.</summary>
    public static string OrUnknown(string? value) => string.IsNullOrWhiteSpace(value) ? Unknown : value;
}
