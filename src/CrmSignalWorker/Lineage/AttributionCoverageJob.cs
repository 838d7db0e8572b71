using CrmSignalWorker.Core.Lineage;
using CrmSignalWorker.Hosting;
using CrmSignalWorker.Telemetry;
using Microsoft.Extensions.Options;

namespace CrmSignalWorker.Lineage;

/// <summary>
/// Works out attribution coverage over the last Lineage:Window every Lineage:CoverageRefreshInterval and hands it to
/// the <c>crmsignal.attribution.coverage</c> gauge, so a scrape never runs the query.
/// </summary>
public sealed class AttributionCoverageJob(
    AttributionCoverageReader reader,
    WorkerTelemetry telemetry,
    IOptions<LineageOptions> options,
    TimeProvider timeProvider) : IPeriodicJob
{
    public string Name => "attribution-coverage";

    public TimeSpan Interval => options.Value.CoverageRefreshInterval;

    // Every replica serves /metrics, so each keeps its own gauge current; the query only reads.
    public bool LeaderOnly => false;

    public async Task RunOnceAsync(CancellationToken ct)
    {
        var window = LineageWindow.Ending(timeProvider.GetUtcNow(), options.Value.Window);
        telemetry.UpdateAttributionCoverage(await reader.ReadAsync(window, ct));
    }
}
