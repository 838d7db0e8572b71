using System.Diagnostics;
using CrmSignalWorker.Core.Changes;
using CrmSignalWorker.Core.Sla;
using CrmSignalWorker.Hosting;
using CrmSignalWorker.Storage.Milestones;
using CrmSignalWorker.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmSignalWorker.Milestones;

/// <summary>
/// Derives SLA clock events from the writes stored since its checkpoint: advances the open clocks with them in time
/// order, then breaches clocks that ran out by now less SlaClocks:BreachDelay without any write, and commits the events,
/// the clocks and the checkpoint in one transaction. Events are keyed, so a repeated run stores nothing twice.
/// </summary>
public sealed class SlaClockJob(
    SlaClockStore store,
    IOptions<SlaClockOptions> options,
    WorkerTelemetry telemetry,
    TimeProvider timeProvider,
    ILogger<SlaClockJob> logger) : IPeriodicJob
{
    private readonly Lazy<SlaPolicySet> _policies = new(() => options.Value.ToPolicySet());

    public string Name => "sla-clocks";

    public TimeSpan Interval => options.Value.Interval;

    public async Task RunOnceAsync(CancellationToken ct)
    {
        var policies = _policies.Value;
        if (policies.Policies.Count == 0)
        {
            // Without policies the checkpoint stays put: policies configured later start from every stored write.
            return;
        }

        var settings = options.Value;
        await using var tx = await store.BeginAsync(settings.SettleDelay, ct);
        if (tx is null)
        {
            logger.DerivationBusy(Name, SlaClockStore.Stream);
            return;
        }

        var inputs = await tx.ReadInputsAsync(new MilestoneInputFilter(policies.Objects, policies.Fields, policies.Activities), ct);
        var records = inputs.Select(i => i.RecordId).Distinct(StringComparer.Ordinal).ToList();
        var breachLimit = timeProvider.GetUtcNow() - settings.BreachDelay;
        var clocks = await SlaClockStore.OpenClocksAsync(tx, records, breachLimit, ct);
        var leadSources = await SlaClockStore.LatestValuesAsync(tx, records, settings.LeadSourceField, ct);

        var advance = new SlaClockTracker(policies).Advance(clocks, inputs, leadSources, breachLimit);
        await SlaClockStore.SaveAsync(tx, advance, timeProvider.GetUtcNow(), ct);
        var stored = await tx.InsertEventsAsync(advance.Events, ct);
        await tx.CommitAsync(timeProvider.GetUtcNow(), ct);

        if (advance.Orphaned > 0)
        {
            logger.SlaClocksOrphaned(advance.Orphaned);
        }

        var breaches = stored.Where(e => e.EventType == WorkflowEventType.SlaBreach).ToList();
        foreach (var breach in breaches)
        {
            logger.SlaBreached(breach.Sla!.Policy, breach.ObjectName, breach.RecordId, breach.Market, breach.OccurredAt);
            telemetry.SlaBreaches.Add(1, new TagList { { "policy", breach.Sla.Policy }, { "market", breach.Market } });
        }

        foreach (var e in stored)
        {
            telemetry.MilestoneEvents.Add(1, new KeyValuePair<string, object?>("event_type", MilestoneTransaction.EventTypeName(e.EventType)));
        }

        if (inputs.Count == 0 && stored.Count == 0)
        {
            logger.SlaClocksIdle(tx.Cutoff);
        }
        else
        {
            logger.SlaClocksAdvanced(inputs.Count, tx.Cutoff, stored.Count, breaches.Count, advance.Open.Count);
        }
    }
}
