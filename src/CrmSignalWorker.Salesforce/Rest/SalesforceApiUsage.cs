using System.Globalization;

namespace CrmSignalWorker.Salesforce.Rest;

/// <summary>The org's rolling 24-hour API usage, as last reported in Sforce-Limit-Info.</summary>
public sealed class SalesforceApiUsage
{
    private long _used = -1;
    private long _max = -1;

    public long? Used => Interlocked.Read(ref _used) is var v && v >= 0 ? v : null;

    public long? Max => Interlocked.Read(ref _max) is var v && v >= 0 ? v : null;

    /// <summary>Reads a header like <c>api-usage=10018/100000; api-bursts=1/750</c>; anything else is ignored.</summary>
    public void Record(string? limitInfo)
    {
        if (TryParse(limitInfo, out var used, out var max))
        {
            Interlocked.Exchange(ref _used, used);
            Interlocked.Exchange(ref _max, max);
        }
    }

    /// <summary>Takes a reading from GET /limits (Max and Remaining of DailyApiRequests).</summary>
    public void Record(long used, long max)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(used);
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        Interlocked.Exchange(ref _used, used);
        Interlocked.Exchange(ref _max, max);
    }

    internal static bool TryParse(string? limitInfo, out long used, out long max)
    {
        used = max = 0;
        if (string.IsNullOrEmpty(limitInfo))
        {
            return false;
        }

        foreach (var part in limitInfo.Split(';', StringSplitOptions.TrimEntries))
        {
            if (!part.StartsWith("api-usage=", StringComparison.Ordinal))
            {
                continue;
            }

            var numbers = part["api-usage=".Length..].Split('/');
            return numbers.Length == 2
                && long.TryParse(numbers[0], NumberStyles.None, CultureInfo.InvariantCulture, out used)
                && long.TryParse(numbers[1], NumberStyles.None, CultureInfo.InvariantCulture, out max);
        }

        return false;
    }
}
