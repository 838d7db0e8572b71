using System.Globalization;
using CrmSignalWorker.Core.Digests;
using CrmSignalWorker.Core.Signals;

namespace CrmSignalWorker.UnitTests.Notifications;

/// <summary>Digests shaped like the composer's output, small enough to read in a test.</summary>
internal static class TestDigests
{
    public const string InstanceUrl = "https://acme.my.salesforce.com";

    public static readonly DateOnly Day = new(2025, 3, 4);

    public static readonly DateTimeOffset GeneratedAt = new(2025, 3, 5, 6, 0, 0, TimeSpan.Zero);

    /// <summary>Each offending record among 15 eligible ones (6.7 %) against a 5 % threshold; 3 of 45 by default.</summary>
    public static SignalValue Breach(string segment = "Enterprise", DateOnly? day = null, params string[] recordIds)
    {
        string[] ids = recordIds.Length == 0 ? ["006A000001", "006A000002", "006A000003"] : recordIds;
        return new(SignalNames.SameDayStageJumps, day ?? Day, segment, ids.Length, ids.Length * 15, 0.05m, ids);
    }

    /// <summary>1 of 100 records offends (1.0 %) against a 5 % threshold.</summary>
    public static SignalValue WithinThreshold(string segment = "SMB", DateOnly? day = null) =>
        new(SignalNames.SameDayStageJumps, day ?? Day, segment, 1, 100, 0.05m, ["006B000001"]);

    public static Digest Create(IReadOnlyList<SignalValue> values, string audience = "Sales EMEA", string? instanceUrl = InstanceUrl) =>
        new("sales-emea:2025-03-04", audience, Day, Day.AddDays(6), GeneratedAt, instanceUrl, values);

    /// <summary>Breaches with distinct segments and record ids, so each can be found in the output.</summary>
    public static IReadOnlyList<SignalValue> ManyBreaches(int count) =>
        [.. Enumerable.Range(0, count).Select(i =>
            Breach($"Segment {i:D3}", Day.AddDays(i % 7), $"006R{i:D6}A", $"006R{i:D6}B"))];

    public static string Id(int i, char suffix) => string.Create(CultureInfo.InvariantCulture, $"006R{i:D6}{suffix}");
}
