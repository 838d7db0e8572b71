using System.Globalization;
using CrmSignalWorker.Core.Digests;
using CrmSignalWorker.Core.Lineage;
using CrmSignalWorker.Core.Signals;

namespace CrmSignalWorker.Notifications;

/// <summary>
/// Wording and number formats shared by every digest renderer, so Slack and email never disagree
/// about what a figure says.
/// </summary>
internal static class DigestFormat
{
    /// <summary>Rates are fractions (0.0667); people read percentages with one decimal.</summary>
    public static string Percent(decimal fraction) =>
        (fraction * 100m).ToString("0.0", CultureInfo.InvariantCulture) + " %";

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Period(Digest digest) =>
        digest.From == digest.To ? Day(digest.From) : $"{Day(digest.From)} to {Day(digest.To)}";

    public static string Timestamp(DateTimeOffset instant) =>
        instant.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public static string BreachCount(int count) =>
        count == 1 ? "1 breach" : $"{count.ToString(CultureInfo.InvariantCulture)} breaches";

    public static string Ratio(SignalValue value) =>
        $"{value.Numerator.ToString(CultureInfo.InvariantCulture)} of {value.Denominator.ToString(CultureInfo.InvariantCulture)}";

    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Title(string audience) => $"CRM signals for {audience}";

    /// <summary>Chronological, then by signal and segment, so every channel lists rows in the same order.</summary>
    public static IReadOnlyList<SignalValue> Ordered(IEnumerable<SignalValue> values) =>
        [.. values
            .OrderBy(v => v.Day)
            .ThenBy(v => v.Signal, StringComparer.Ordinal)
            .ThenBy(v => v.Segment, StringComparer.Ordinal)];

    /// <summary>
    /// The record's page in the org, or null when the instance URL is unknown or not plain http(s);
    /// anything else (a <c>javascript:</c> URL from bad configuration) must never become a link.
    /// </summary>
    public static string? RecordUrl(string? instanceUrl, string recordId)
    {
        if (string.IsNullOrWhiteSpace(instanceUrl)
            || !Uri.TryCreate(instanceUrl.Trim(), UriKind.Absolute, out var baseUri)
            || (baseUri.Scheme != Uri.UriSchemeHttps && baseUri.Scheme != Uri.UriSchemeHttp))
        {
            return null;
        }

        return $"{baseUri.GetLeftPart(UriPartial.Path).TrimEnd('/')}/{Uri.EscapeDataString(recordId)}";
    }

    public const string CoverageTitle = "Attribution coverage";

    public static string CoverageExplanation(AttributionCoverage coverage) =>
        $"Stage and owner changes with a known actor and a known channel; target {Percent(coverage.Target)}.";

    public const string NoCoveredChanges = "No stage or owner changes in this period.";

    /// <summary>One object's line, e.g. "Opportunity: 62.5 % (50 of 80), below the 80.0 % target".</summary>
    public static string CoverageLine(CoverageShare share, decimal target) =>
        $"{share.ObjectName}: {Percent(share.Share)} ({share.Attributed.ToString(CultureInfo.InvariantCulture)} of {share.Changes.ToString(CultureInfo.InvariantCulture)}), "
        + (share.MeetsTarget ? $"meets the {Percent(target)} target" : $"below the {Percent(target)} target");
}
