using System.Globalization;
using CrmSignalWorker.Core.Lineage;

namespace CrmSignalWorker.Lineage;

/// <summary>Number and time formats the lineage renderings share, so the table and the page say the same.</summary>
internal static class LineageFormat
{
    public const string Title = "Field-to-writers inventory";

    public const string CoverageTitle = "Attribution coverage";

    public const string CoverageExplanation = "stage and owner changes with a known actor and a known channel";

    /// <summary>One decimal, as the digest shows rates.</summary>
    public static string Percent(decimal share) => (share * 100m).ToString("0.0", CultureInfo.InvariantCulture) + " %";

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Instant(DateTimeOffset instant) =>
        instant.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Window(LineageWindow window) => $"{Instant(window.From)} to {Instant(window.To)} (end exclusive)";

    public static string Source(CoverageShare share) => share.Source ?? "all";

    public static string Verdict(CoverageShare share) => share.MeetsTarget ? "meets target" : "BELOW TARGET";

    /// <summary>A summary of writes nobody could attribute, e.g. "12 of 40 writes (30.0 %)".</summary>
    public static string PartOf(long part, long whole) => $"{Number(part)} of {Number(whole)} writes ({Percent(Shares.Of(part, whole))})";
}
