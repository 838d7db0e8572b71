using CrmSignalWorker.Delivery;
using CrmSignalWorker.Hosting;
using CrmSignalWorker.Salesforce.PubSub;
using CrmSignalWorker.Storage.Leases;
using CrmSignalWorker.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmSignalWorker.Sources;

/// <summary>
/// Keeps one change stream per configured channel running across the replicas: each channel is leased to one replica
/// at a time, renewed while it streams, and taken over by another when its holder dies. A channel that fails is
/// restarted from its stored replay id after a backoff; one failing channel never stops the others.
/// </summary>
internal sealed class ChangeStreamService(
    IServiceProvider services,
    LeaseStore leases,
    WorkerIdentity identity,
    IOptions<PubSubOptions> options,
    IOptions<LeaseOptions> leaseOptions,
    WorkerTelemetry telemetry,
    TimeProvider timeProvider,
    ILogger<ChangeStreamService> logger) : BackgroundService
{
    private static readonly TimeSpan MaxRestartDelay = TimeSpan.FromMinutes(5);

    public static string LeaseNameOf(string topic) => "stream:" + topic;

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            logger.ChangeStreamsDisabled();
            return Task.CompletedTask;
        }

        return Task.WhenAll(options.Value.AllTopics.Select(topic => Task.Run(() => HoldTopicAsync(topic, stoppingToken), stoppingToken)));
    }

    /// <summary>Waits for the channel's lease, streams while it holds it, and waits again when it loses it.</summary>
    private async Task HoldTopicAsync(string topic, CancellationToken ct)
    {
        var ingestor = ActivatorUtilities.CreateInstance<ChangeStreamIngestor>(services);
        var fence = new LeaseFence(LeaseNameOf(topic), identity.Holder);
        try
        {
            while (!ct.IsCancellationRequested)
            {
                if (!await TryLeaseAsync(fence, ct))
                {
                    await Task.Delay(leaseOptions.Value.RenewInterval, timeProvider, ct);
                    continue;
                }

                logger.StreamLeaseTaken(topic, identity.Holder);
                using var held = CancellationTokenSource.CreateLinkedTokenSource(ct);
                var renewal = RenewAsync(fence, held);
                try
                {
                    await RunTopicAsync(ingestor, topic, fence, held.Token);
                }
                finally
                {
                    await held.CancelAsync();
                    await renewal;
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        finally
        {
            // A clean stop hands the channel over at once instead of making the next holder wait out the lease.
            await leases.ReleaseOnStopAsync(fence.Name, fence.Holder, logger);
        }
    }

    private async Task<bool> TryLeaseAsync(LeaseFence fence, CancellationToken ct)
    {
        try
        {
            return await leases.TryAcquireAsync(fence.Name, fence.Holder, leaseOptions.Value.Ttl, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.StreamLeaseCheckFailed(ex, fence.Name);
            return false;
        }
    }

    /// <summary>Renews the lease until <paramref name="held"/> ends; a failed renewal stops the stream.</summary>
    private async Task RenewAsync(LeaseFence fence, CancellationTokenSource held)
    {
        try
        {
            while (!held.IsCancellationRequested)
            {
                await Task.Delay(leaseOptions.Value.RenewInterval, timeProvider, held.Token);
                if (!await TryLeaseAsync(fence, held.Token))
                {
                    logger.StreamLeaseLost(fence.Name, fence.Holder);
                    await held.CancelAsync();
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Streams the channel, restarting after failures, until <paramref name="ct"/> ends (shutdown or a lost lease).</summary>
    private async Task RunTopicAsync(ChangeStreamIngestor ingestor, string topic, LeaseFence fence, CancellationToken ct)
    {
        var failures = 0;
        while (!ct.IsCancellationRequested)
        {
            string cause;
            try
            {
                try
                {
                    await ingestor.RunAsync(topic, ct, fence);
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
            catch (LeaseLostException)
            {
                // Another replica holds the channel now; its stream carries on from the stored replay id.
                logger.StreamLeaseLost(fence.Name, fence.Holder);
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
