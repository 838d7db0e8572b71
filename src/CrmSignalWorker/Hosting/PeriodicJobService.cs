using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CrmSignalWorker.Hosting;

/// <summary>Runs one <see cref="IPeriodicJob"/> at once on start and then on its interval, on the injected clock.</summary>
internal sealed class PeriodicJobService<TJob>(TJob job, TimeProvider timeProvider, ILogger<PeriodicJobService<TJob>> logger) : BackgroundService
    where TJob : IPeriodicJob
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(job.Interval, timeProvider);
        do
        {
            try
            {
                await job.RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // One failed tick must not stop the worker: the next tick retries from the stored checkpoint.
                logger.JobFailed(ex, job.Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
