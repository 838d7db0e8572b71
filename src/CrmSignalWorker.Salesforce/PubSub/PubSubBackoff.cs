namespace CrmSignalWorker.Salesforce.PubSub;

/// <summary>Exponential delay before resubscribing: base × 2^(attempt-1), capped.</summary>
internal static class PubSubBackoff
{
    public static TimeSpan DelayFor(int attempt, TimeSpan baseDelay, TimeSpan maxDelay)
    {
        if (attempt <= 0 || baseDelay <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        var exponent = Math.Min(attempt - 1, 30);
        var ticks = Math.Min(baseDelay.Ticks * (double)(1L << exponent), maxDelay.Ticks);
        return TimeSpan.FromTicks((long)ticks);
    }
}
