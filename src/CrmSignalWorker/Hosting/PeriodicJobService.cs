using System.Diagnostics;
using CrmSignalWorker.Salesforce;
using CrmSignalWorker.Salesforce.Limits;
using CrmSignalWorker.Salesforce.Rest;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CrmSignalWorker.Hosting;

/// <summary>
/// Runs one <see cref="IPeriodicJob"/> at once on start and then on its interval, on the injected clock. Before
/// each run it asks the API budget guard whether the job's <see cref="IPeriodicJob.Demand"/> may call
/// Salesforce now; a held-back run is skipped, not queued, since the next tick reads from the stored checkpoint.
/// </summary>
internal sealed class PeriodicJobService<TJob>(
    TJob job,
    ApiBudgetGuard budget,
    SalesforceTelemetry telemetry,
    TimeProvider timeProvider,
    ILogger<PeriodicJobService<TJob>> logger,
    LeaderElection? leadership = null) : BackgroundService
    where TJob : IPeriodicJob
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(job.Interval, timeProvider);
        do
        {
            if (job.LeaderOnly && leadership is not null)
            {
                // A standby runs the job as soon as it takes over, not one (possibly long) interval later.
                await leadership.WaitUntilLeaderAsync(stoppingToken);
            }

            await RunTickAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One tick: the budget check, then the job. Never throws except for cancellation by <paramref name="stoppingToken"/>.</summary>
    /// <returns>Whether the job ran.</returns>
    internal async Task<bool> RunTickAsync(CancellationToken stoppingToken)
    {
        if (job.LeaderOnly && leadership is { IsLeader: false })
        {
            logger.JobSkippedNotLeader(job.Name);
            return false;
        }

        if (!budget.Allows(job.Demand))
        {
            var pause = budget.State.Pause;
            logger.JobDeferred(job.Name, pause);
            telemetry.DeferredRuns.Add(1, new TagList { { "job", job.Name }, { "reason", ApiBudgetGuard.ReasonTag(pause) } });
            return false;
        }

        try
        {
            await job.RunOnceAsync(stoppingToken);
        }
        catch (SalesforceApiException ex) when (ex.IsRequestLimitExceeded)
        {
            // Not a fault of the job: the guard has paused polling and logged why; the run ends here.
            logger.JobStoppedByApiLimit(job.Name);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            // One failed tick must not stop the worker: the next tick retries from the stored checkpoint.
            logger.JobFailed(ex, job.Name);
        }

        return true;
    }
}
