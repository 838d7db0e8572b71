using System.Diagnostics;
using System.Diagnostics.Metrics;
using CrmSignalWorker.Core.Lineage;

namespace CrmSignalWorker.Telemetry;

/// <summary>The worker's own traces and metrics, under one name that OpenTelemetry subscribes to.</summary>
public sealed class WorkerTelemetry : IDisposable
{
    public const string Name = "CrmSignalWorker";

    private AttributionCoverage? _coverage;

    public WorkerTelemetry(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        Meter = meters.Create(Name);
        ChangesIngested = Meter.CreateCounter<long>("crmsignal.changes.ingested", "{change}", "Field changes stored, by source and object; re-reads that added nothing are not counted.");
        RowsQuarantined = Meter.CreateCounter<long>("crmsignal.quarantine.rows", "{row}", "Payloads that could not be decoded and were kept whole in quarantine.");
        NotificationsSent = Meter.CreateCounter<long>("crmsignal.outbox.sent", "{message}", "Notifications delivered, by channel.");
        SendFailures = Meter.CreateCounter<long>("crmsignal.outbox.send_failures", "{attempt}", "Failed delivery attempts, by channel and whether they will be retried.");
        OperatorAlerts = Meter.CreateCounter<long>("crmsignal.operator_alerts", "{alert}", "Alerts about the worker itself (lost stream position, back-fills), by severity.");
        StreamEvents = Meter.CreateCounter<long>("crmsignal.stream.events", "{event}", "Pub/Sub events received, by topic and outcome (stored, gap, quarantined).");
        StreamRestarts = Meter.CreateCounter<long>("crmsignal.stream.restarts", "{restart}", "Change streams restarted after a failure, by topic and cause.");
        StreamLag = Meter.CreateHistogram<double>("crmsignal.stream.lag", "s", "Seconds between an event's commit in Salesforce and its storage, by topic.");
        HistoryRereads = Meter.CreateCounter<long>("crmsignal.history.rereads", "{reread}", "History re-reads done to fill gaps in a change stream, by object and outcome.");
        UnsettledAttributions = Meter.CreateCounter<long>(
            "crmsignal.attribution.unsettled", "{change}",
            "Field writes normalized with no channel rule settling their write path (channel unknown), by source and object; a re-read row counts again.");
        ConfigurationChangesIngested = Meter.CreateCounter<long>(
            "crmsignal.configuration_changes.ingested", "{change}", "Setup audit trail changes stored; re-reads that added nothing are not counted.");
        SlaBreaches = Meter.CreateCounter<long>("crmsignal.sla.breaches", "{breach}", "SLA clock breaches stored, by policy and market; a breach derived again is not counted.");
        MilestoneEvents = Meter.CreateCounter<long>(
            "crmsignal.milestone_events", "{event}", "SLA clock and incentive events stored, by event type; events derived again are not counted.");
        Meter.CreateObservableGauge(
            "crmsignal.attribution.coverage", ObserveCoverage, "1",
            "Share of stage and owner changes in the last Lineage:Window with a known actor and channel, by object and source.");
        Meter.CreateObservableGauge(
            "crmsignal.attribution.changes", ObserveCoveredChanges, "{change}",
            "Stage and owner changes in the last Lineage:Window that the coverage share is taken over, by object and source.");
    }

    public static ActivitySource Source { get; } = new(Name);

    public Meter Meter { get; }

    public Counter<long> ChangesIngested { get; }

    /// <summary>What no attribution rule settled: the writes stored with channel unknown rather than a guess.</summary>
    public Counter<long> UnsettledAttributions { get; }

    /// <summary>Counts the writes of a normalized batch whose channel no rule settled.</summary>
    public void CountUnsettled(IEnumerable<Core.Changes.FieldChange> changes, string source)
    {
        ArgumentNullException.ThrowIfNull(changes);
        foreach (var group in changes.Where(c => c.Channel == Core.Changes.Channel.Unknown).GroupBy(c => c.ObjectName, StringComparer.Ordinal))
        {
            UnsettledAttributions.Add(group.Count(), new("source", source), new("object", group.Key));
        }
    }

    public Counter<long> RowsQuarantined { get; }

    public Counter<long> NotificationsSent { get; }

    public Counter<long> SendFailures { get; }

    public Counter<long> OperatorAlerts { get; }

    public Counter<long> StreamEvents { get; }

    public Counter<long> StreamRestarts { get; }

    public Histogram<double> StreamLag { get; }

    public Counter<long> HistoryRereads { get; }

    public Counter<long> ConfigurationChangesIngested { get; }

    public Counter<long> SlaBreaches { get; }

    public Counter<long> MilestoneEvents { get; }
    /// <summary>
    /// Replaces what the coverage gauges report. An object and source with no stage or owner change in the window is
    /// left out rather than reported as 0, which would read as "nothing attributed" and fire the alert.
    /// </summary>
    public void UpdateAttributionCoverage(AttributionCoverage coverage)
    {
        ArgumentNullException.ThrowIfNull(coverage);
        Volatile.Write(ref _coverage, coverage);
    }

    public void Dispose() => Meter.Dispose();

    private IEnumerable<Measurement<double>> ObserveCoverage() =>
        Volatile.Read(ref _coverage)?.BySource.Select(s => new Measurement<double>((double)s.Share, CoverageTags(s))) ?? [];

    private IEnumerable<Measurement<long>> ObserveCoveredChanges() =>
        Volatile.Read(ref _coverage)?.BySource.Select(s => new Measurement<long>(s.Changes, CoverageTags(s))) ?? [];

    private static KeyValuePair<string, object?>[] CoverageTags(CoverageShare share) =>
        [new("object", share.ObjectName), new("source", share.Source)];
}
