using CrmSignalWorker.Storage.Leases;
using Microsoft.Extensions.Logging;

namespace CrmSignalWorker.Hosting;

internal static class LeaseRelease
{
    /// <summary>How long a stopping replica tries to hand a lease over before leaving it to expire.</summary>
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Hands a lease over on a clean stop. Best effort: with Postgres unreachable the lease simply lapses after its
    /// TTL, so a failure here must neither fail the stop nor eat the shutdown's grace period.
    /// </summary>
    public static async Task ReleaseOnStopAsync(this LeaseStore leases, string name, string holder, ILogger logger)
    {
        using var timeout = new CancellationTokenSource(Limit);
        try
        {
            await leases.ReleaseAsync(name, holder, timeout.Token);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            logger.LeaseReleaseFailed(ex, name);
        }
    }
}
