using CrmSignalWorker.Hosting;
using CrmSignalWorker.Storage.Flags;
using Microsoft.Extensions.Logging;

namespace CrmSignalWorker.Flags;

/// <summary>Brings Redis in line with Postgres: at start-up and on an interval, so a change made while Redis was down still arrives.</summary>
public sealed class FlagReconciler(FlagStore store, RedisFlagMirror mirror, ILogger<FlagReconciler> logger) : IPeriodicJob
{
    public string Name => "flag-reconcile";

    public TimeSpan Interval => TimeSpan.FromMinutes(1);

    public async Task RunOnceAsync(CancellationToken ct)
    {
        var changed = 0;
        foreach (var flag in await store.ListAsync(ct))
        {
            if (await mirror.MirrorAsync(flag))
            {
                changed++;
            }
        }

        if (changed > 0)
        {
            logger.FlagsReconciled(changed);
        }
    }
}
