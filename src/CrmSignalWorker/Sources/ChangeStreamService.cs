using CrmSignalWorker.Delivery;
using CrmSignalWorker.Salesforce.PubSub;
using CrmSignalWorker.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmSignalWorker.Sources;

/// <summary>
/// Keeps one change stream per configured channel running for the life of the process. A channel that fails is
/// restarted from its stored replay id after a backoff; one failing channel never stops the others.
/// </summary>
internal sealed class ChangeStreamService(
    IServiceProvider services,
    IOptions<PubSubOptions> options,
    WorkerTelemetry telemetry,
    TimeProvider timeProvider,
    ILogger<ChangeStreamService> logger) : BackgroundService
{
    private static readonly TimeSpan MaxRestartDelay = TimeSpan.FromMinutes(5);

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            logger.ChangeStreamsDisabled();
            return Task.CompletedTask;
        }

        return Task.WhenAll(options.Value.AllTopics.Select(topic => Task.Run(() => RunTopicAsync(topic, stoppingToken), stoppingToken)));
    }

    private async Task RunTopicAsync(string topic, CancellationToken ct)
    {
        var ingestor = ActivatorUtilities.CreateInstance<ChangeStreamIngestor>(services);
        var failures = 0;
        while (!ct.IsCancellationRequested)
        {
            string cause;
            try
            {
                try
                {
                    await ingestor.RunAsync(topic, ct);
                    continue;
                }
                catch (ReplayIdRejectedException rejected)
                {
                    telemetry.StreamRestarts.Add(1, new("topic", topic), new("cause", "replay_id_rejected"));
                    await ingestor.RecoverLostPositionAsync(topic, rejected, ct);
                    failures = 0;
                    continue;
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (SubscriptionLimitExceededException ex)
            {
                cause = "limit_exceeded";
                logger.ChangeStreamFailed(ex, topic);
            }
            catch (Exception ex)
            {
                cause = ex is PubSubException ? "pubsub_error" : "error";
                logger.ChangeStreamFailed(ex, topic);
            }

            failures++;
            telemetry.StreamRestarts.Add(1, new("topic", topic), new("cause", cause));
            var delay = RetryBackoff.After(failures, options.Value.ReconnectBaseDelay, MaxRestartDelay, retryAfter: null);
            logger.ChangeStreamRestarting(topic, delay, failures);
            try
            {
                await Task.Delay(delay, timeProvider, ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
