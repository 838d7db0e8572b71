using System.Diagnostics.Metrics;
using CrmSignalWorker.Health;
using CrmSignalWorker.Salesforce.Limits;

namespace CrmSignalWorker.Telemetry;

/// <summary>
/// Gauges of state kept in Postgres (open quarantine, outbox backlog, stop flags, stream watermarks) and of the API
/// budget guard. The Postgres values come from the last sample <see cref="StateSampler"/> took, so a scrape never
/// waits on the database. Every label value once seen keeps being reported, as 0 when its rows are gone, so a
/// drained backlog reads 0 on dashboards instead of a series that vanishes or keeps its last value.
/// </summary>
public sealed class StateGauges
{
    private static readonly string[] KnownChannels = [Digests.DigestComposer.SlackChannel, Digests.DigestComposer.EmailChannel];
    private static readonly string[] AlertStatuses = ["firing", "acknowledged"];
    private static readonly BudgetPause[] Pauses = [BudgetPause.ShareExceeded, BudgetPause.LimitExceeded];

    private readonly StreamLagCalculator _streams;
    private readonly ApiBudgetGuard _budget;
    private readonly TimeProvider _timeProvider;
    private readonly Lock _gate = new();
    private readonly HashSet<string> _quarantineSources = new(StringComparer.Ordinal);
    private readonly HashSet<string> _channels = new(KnownChannels, StringComparer.Ordinal);
    private readonly HashSet<string> _automations = new(StringComparer.Ordinal);
    private WorkerState? _state;
    private DateTimeOffset? _sampledAt;

    public StateGauges(IMeterFactory meters, StreamLagCalculator streams, ApiBudgetGuard budget, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _streams = streams;
        _budget = budget;
        _timeProvider = timeProvider;
        // The factory hands out the one meter of this name, the one WorkerTelemetry's instruments live on.
        var meter = meters.Create(WorkerTelemetry.Name);
        meter.CreateObservableGauge("crmsignal.quarantine.open", ObserveQuarantine, "{row}", "Quarantined payloads not yet re-driven, by source.");
        meter.CreateObservableGauge("crmsignal.outbox.depth", ObserveOutboxDepth, "{message}", "Notifications waiting to be sent (pending), by channel.");
        meter.CreateObservableGauge(
            "crmsignal.outbox.oldest_age", ObserveOutboxAge, "s", "Seconds the oldest pending notification has waited, by channel; 0 when none waits.");
        meter.CreateObservableGauge(
            "crmsignal.outbox.parked", ObserveOutboxParked, "{message}", "Notifications parked as failed after their last attempt, by channel.");
        meter.CreateObservableGauge("crmsignal.alerts.open", ObserveAlerts, "{alert}", "Open signal alerts by status (firing, acknowledged).");
        meter.CreateObservableGauge("crmsignal.flags.paused", ObservePausedCount, "{flag}", "Stop-the-line flags currently paused.");
        meter.CreateObservableGauge("crmsignal.flags.state", ObserveFlags, "{flag}", "Each stop-the-line flag: 1 while paused, 0 while active, by automation.");
        meter.CreateObservableGauge(
            "crmsignal.stream.current_lag", ObserveStreamLag, "s",
            "Seconds since each enabled change stream was last known current (newest stored event or keep-alive), by topic.");
        meter.CreateObservableGauge(
            "crmsignal.salesforce.budget.paused", ObserveBudget, "{pause}", "1 while the API budget guard holds polling back for that reason, else 0.");
        meter.CreateObservableGauge(
            "crmsignal.state.sample_age", ObserveSampleAge, "s",
            "Seconds since the Postgres-backed gauges were last read; grows while Postgres cannot be read.");
    }

    /// <summary>Takes a new sample; label values it lacks are reported as 0 from now on.</summary>
    public void Update(WorkerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        lock (_gate)
        {
            _quarantineSources.UnionWith(state.OpenQuarantineBySource.Keys);
            _channels.UnionWith(state.Outbox.Select(o => o.Channel));
            _automations.UnionWith(state.PausedByAutomation.Keys);
            _state = state;
            _sampledAt = _timeProvider.GetUtcNow();
        }
    }

    private List<Measurement<long>> ObserveQuarantine()
    {
        lock (_gate)
        {
            return _state is null ? [] : _quarantineSources
                .Select(s => new Measurement<long>(_state.OpenQuarantineBySource.GetValueOrDefault(s), new KeyValuePair<string, object?>("source", s)))
                .ToList();
        }
    }

    private List<Measurement<long>> ObserveOutboxDepth() => ObserveOutbox(o => o?.Pending ?? 0);

    private List<Measurement<long>> ObserveOutboxParked() => ObserveOutbox(o => o?.Parked ?? 0);

    private List<Measurement<long>> ObserveOutbox(Func<OutboxChannelState?, long> value)
    {
        lock (_gate)
        {
            return _state is null ? [] : _channels
                .Select(c => new Measurement<long>(value(OutboxOf(_state, c)), new KeyValuePair<string, object?>("channel", c)))
                .ToList();
        }
    }

    private List<Measurement<double>> ObserveOutboxAge()
    {
        var now = _timeProvider.GetUtcNow();
        lock (_gate)
        {
            return _state is null ? [] : _channels
                .Select(c => new Measurement<double>(
                    OutboxOf(_state, c)?.OldestPendingSince is { } since ? Math.Max(0, (now - since).TotalSeconds) : 0,
                    new KeyValuePair<string, object?>("channel", c)))
                .ToList();
        }
    }

    private List<Measurement<long>> ObserveAlerts()
    {
        lock (_gate)
        {
            // Both statuses always, so a cleared incident reads 0 instead of vanishing.
            return _state is null ? [] : AlertStatuses
                .Select(s => new Measurement<long>(_state.OpenAlertsByStatus.GetValueOrDefault(s), new KeyValuePair<string, object?>("status", s)))
                .ToList();
        }
    }

    private List<Measurement<long>> ObservePausedCount()
    {
        lock (_gate)
        {
            return _state is null ? [] : [new Measurement<long>(_state.PausedByAutomation.Count(f => f.Value))];
        }
    }

    private List<Measurement<long>> ObserveFlags()
    {
        lock (_gate)
        {
            return _state is null ? [] : _automations
                .Select(a => new Measurement<long>(_state.PausedByAutomation.GetValueOrDefault(a) ? 1 : 0, new KeyValuePair<string, object?>("automation", a)))
                .ToList();
        }
    }

    private List<Measurement<double>> ObserveStreamLag()
    {
        WorkerState? state;
        lock (_gate)
        {
            state = _state;
        }

        // Lag is worked out now from the sampled watermark, so it keeps growing between samples as it should.
        return state is null ? [] : _streams.Topics
            .Select(t => new Measurement<double>(_streams.Of(t, state.Watermarks.GetValueOrDefault(t)).Lag.TotalSeconds, new KeyValuePair<string, object?>("topic", t)))
            .ToList();
    }

    private List<Measurement<long>> ObserveBudget()
    {
        var pause = _budget.State.Pause;
        return Pauses
            .Select(p => new Measurement<long>(p == pause ? 1 : 0, new KeyValuePair<string, object?>("reason", ApiBudgetGuard.ReasonTag(p))))
            .ToList();
    }

    private List<Measurement<double>> ObserveSampleAge()
    {
        lock (_gate)
        {
            return _sampledAt is { } at ? [new Measurement<double>(Math.Max(0, (_timeProvider.GetUtcNow() - at).TotalSeconds))] : [];
        }
    }

    private static OutboxChannelState? OutboxOf(WorkerState state, string channel) => state.Outbox.FirstOrDefault(o => o.Channel == channel);
}
