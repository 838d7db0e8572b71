using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace CrmSignalWorker.Telemetry;

/// <summary>The worker's own traces and metrics, under one name that OpenTelemetry subscribes to.</summary>
public sealed class WorkerTelemetry : IDisposable
{
    public const string Name = "CrmSignalWorker";

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

    public void Dispose() => Meter.Dispose();
}
