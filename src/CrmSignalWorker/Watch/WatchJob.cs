using CrmSignalWorker.Alerts;
using CrmSignalWorker.Core.Watch;
using CrmSignalWorker.Hosting;
using CrmSignalWorker.Salesforce.Limits;
using CrmSignalWorker.Salesforce.PubSub;
using CrmSignalWorker.Sources;
using CrmSignalWorker.Storage.Watch;
using Microsoft.Extensions.Options;

namespace CrmSignalWorker.Watch;

/// <summary>Reads the worker's own state and raises what <see cref="WatchRules"/> finds through the operator alert pipeline.</summary>
public sealed class WatchJob(
    WatchStore store,
    ApiBudgetGuard budget,
    OperatorAlertPublisher alerts,
    IOptions<WatchOptions> options,
    IOptions<PubSubOptions> pubSub,
    TimeProvider timeProvider) : IPeriodicJob
{
    public string Name => "watch";

    public TimeSpan Interval => options.Value.CheckInterval;

    public async Task RunOnceAsync(CancellationToken ct)
    {
        var now = timeProvider.GetUtcNow();
        var hourAgo = now - TimeSpan.FromHours(1);
        var streams = pubSub.Value.Enabled
            ? await store.StreamsAsync(pubSub.Value.AllTopics.Select(ChangeStreamIngestor.StreamOf).ToList(), ct)
            : [];
        var snapshot = new WatchSnapshot(
            now,
            streams,
            budget.State.Share,
            await store.QuarantinedSinceAsync(hourAgo, ct),
            await store.ReceiverFailuresAsync(hourAgo, ct));
        foreach (var alert in WatchRules.Evaluate(snapshot, options.Value.ToThresholds()))
        {
            await alerts.RaiseAsync(alert, ct);
        }
    }
}
