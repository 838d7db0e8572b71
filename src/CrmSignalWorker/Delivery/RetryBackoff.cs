namespace CrmSignalWorker.Delivery;

/// <summary>Exponential backoff for outbox retries: base, 2×base, 4×base, … capped, and never sooner than the receiver asked.</summary>
internal static class RetryBackoff
{
    public static TimeSpan After(int attempt, TimeSpan baseDelay, TimeSpan maxDelay, TimeSpan? retryAfter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        var exponent = Math.Min(attempt - 1, 30);
        var ticks = Math.Min(baseDelay.Ticks * Math.Pow(2, exponent), maxDelay.Ticks);
        var delay = TimeSpan.FromTicks((long)ticks);
        return retryAfter is { } asked && asked > delay ? asked : delay;
    }
}
