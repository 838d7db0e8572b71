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
    }

    public static ActivitySource Source { get; } = new(Name);

    public Meter Meter { get; }

    public Counter<long> ChangesIngested { get; }

    public Counter<long> RowsQuarantined { get; }

    public Counter<long> NotificationsSent { get; }

    public Counter<long> SendFailures { get; }

    public void Dispose() => Meter.Dispose();
}
