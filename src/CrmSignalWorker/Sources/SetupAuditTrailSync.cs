using System.Diagnostics;
using CrmSignalWorker.Core.Audit;
using CrmSignalWorker.Hosting;
using CrmSignalWorker.Salesforce.History;
using CrmSignalWorker.Storage.Audit;
using CrmSignalWorker.Storage.Ingest;
using CrmSignalWorker.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmSignalWorker.Sources;

/// <summary>
/// The Setup audit source: reads SetupAuditTrail from its watermark less the overlap, classifies each row as a
/// configuration change and writes each page with the new watermark in one transaction, as the history source does.
/// The trace of a spike then asks the store which flows and rules changed in the window before it.
/// </summary>
public sealed class SetupAuditTrailSync(
    SetupAuditTrailReader reader,
    ConfigurationChangeStore store,
    ChangeStore checkpoints,
    IOptions<SetupAuditOptions> options,
    WorkerTelemetry telemetry,
    TimeProvider timeProvider,
    ILogger<SetupAuditTrailSync> logger) : IPeriodicJob
{
    /// <summary>The checkpoint stream (and quarantine source) of the audit trail.</summary>
    public const string Stream = SetupAuditTrailReader.Source;

    private readonly ConfigurationChangeClassifier _classifier = new(options.Value.ToRules());

    public string Name => "setup-audit-poll";

    public TimeSpan Interval => options.Value.PollInterval;

    public async Task RunOnceAsync(CancellationToken ct)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }

        using var activity = WorkerTelemetry.Source.StartActivity("audit.poll");
        var pollStarted = timeProvider.GetUtcNow();
        var checkpoint = await checkpoints.GetCheckpointAsync(Stream, ct);
        var watermark = checkpoint?.Watermark ?? pollStarted - settings.InitialBackfill;
        var since = checkpoint is null ? watermark : watermark - settings.Overlap;
        var pages = 0;
        var added = 0;
        var tags = new TagList { { "source", "audit" }, { "object", SetupAuditTrailQuery.ObjectName } };
        await foreach (var page in reader.ReadAsync(since, ct))
        {
            pages++;
            if (page.Watermark is { } pageWatermark && pageWatermark > watermark)
            {
                watermark = pageWatermark;
            }

            var changes = page.Rows.Select(_classifier.Classify).ToList();
            var (stored, quarantined) = await store.IngestAsync(changes, page.Quarantined, new Checkpoint(Stream, watermark, ReplayId: null), ct);
            added += stored;
            telemetry.ConfigurationChangesIngested.Add(stored, tags);
            telemetry.RowsQuarantined.Add(quarantined, tags);
        }

        // Less the overlap, as for history: a row may still commit with a CreatedDate up to that much before the poll began.
        await checkpoints.MarkPolledAsync(Stream, pollStarted - settings.Overlap, ct);
        activity?.SetTag("crmsignal.rows", added);
        logger.SetupAuditPolled(pages, added, watermark);
    }
}
