using Microsoft.Extensions.Logging;

namespace CrmSignalWorker.Hosting;

internal static partial class LeaseLog
{
    [LoggerMessage(460, LogLevel.Information, "This replica ({Holder}) now leads the scheduled jobs")]
    public static partial void LeadershipTaken(this ILogger logger, string holder);

    [LoggerMessage(461, LogLevel.Warning, "This replica ({Holder}) no longer leads the scheduled jobs")]
    public static partial void LeadershipLost(this ILogger logger, string holder);

    [LoggerMessage(462, LogLevel.Information, "This replica ({Holder}) handed leadership over on shutdown")]
    public static partial void LeadershipReleased(this ILogger logger, string holder);

    [LoggerMessage(463, LogLevel.Warning, "Could not check lease {Lease}; acting as if not held")]
    public static partial void LeaseCheckFailed(this ILogger logger, Exception exception, string lease);

    [LoggerMessage(465, LogLevel.Warning, "Could not hand lease {Lease} over on shutdown; it lapses after its TTL instead")]
    public static partial void LeaseReleaseFailed(this ILogger logger, Exception exception, string lease);

    [LoggerMessage(464, LogLevel.Debug, "Job {Job} skipped: another replica leads the scheduled jobs")]
    public static partial void JobSkippedNotLeader(this ILogger logger, string job);
}
