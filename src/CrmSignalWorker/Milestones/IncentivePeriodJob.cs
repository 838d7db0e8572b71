using CrmSignalWorker.Core.Calendars;
using CrmSignalWorker.Core.Incentives;
using CrmSignalWorker.Hosting;
using CrmSignalWorker.Storage.Milestones;
using CrmSignalWorker.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmSignalWorker.Milestones;

/// <summary>
/// Derives incentive milestones from the writes stored since its checkpoint: "entered commit", and "final days" of a period
/// for records in commit when those days began (by now less Incentives:FinalDaysDelay) or that enter commit during them.
/// Events, the records in commit and the checkpoint commit in one transaction; events are keyed, so nothing is stored twice.
/// </summary>
public sealed class IncentivePeriodJob(
    CommitStateStore store,
    IOptions<IncentiveOptions> options,
    WorkerTelemetry telemetry,
    TimeProvider timeProvider,
    ILogger<IncentivePeriodJob> logger) : IPeriodicJob
{
    private readonly Lazy<(FiscalCalendar Calendar, CommitMilestone Milestone)> _rules = new(() => (options.Value.ToCalendar(), options.Value.ToMilestone()));

    public string Name => "incentive-periods";

    public TimeSpan Interval => options.Value.Interval;

    public async Task RunOnceAsync(CancellationToken ct)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }

        var (calendar, milestone) = _rules.Value;
        await using var tx = await store.BeginAsync(settings.SettleDelay, ct);
        if (tx is null)
        {
            logger.DerivationBusy(Name, CommitStateStore.Stream);
            return;
        }

        var filter = new MilestoneInputFilter([milestone.ObjectName], [milestone.Field, Core.Milestones.MilestoneInput.DeletedField], []);
        var inputs = await tx.ReadInputsAsync(filter, ct);
        var records = inputs.Select(i => i.RecordId).Distinct(StringComparer.Ordinal).ToList();
        var scanLimit = timeProvider.GetUtcNow() - settings.FinalDaysDelay;
        var states = await CommitStateStore.InCommitAsync(tx, records, calendar.LatestFinalDaysStart(scanLimit), ct);

        var advance = new CommitTracker(calendar, milestone).Advance(states, inputs, scanLimit);
        await CommitStateStore.SaveAsync(tx, advance, timeProvider.GetUtcNow(), ct);
        var stored = await tx.InsertEventsAsync(advance.Events, ct);
        await tx.CommitAsync(timeProvider.GetUtcNow(), ct);

        foreach (var e in stored)
        {
            telemetry.MilestoneEvents.Add(1, new KeyValuePair<string, object?>("event_type", MilestoneTransaction.EventTypeName(e.EventType)));
        }

        if (inputs.Count == 0 && stored.Count == 0)
        {
            logger.IncentivesIdle(tx.Cutoff);
        }
        else
        {
            logger.IncentivesAdvanced(inputs.Count, tx.Cutoff, stored.Count, advance.InCommit.Count);
        }
    }
}
