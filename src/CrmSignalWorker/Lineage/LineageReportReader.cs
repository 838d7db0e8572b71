using CrmSignalWorker.Core.Lineage;
using CrmSignalWorker.Storage.Lineage;

namespace CrmSignalWorker.Lineage;

/// <summary>The inventory and the attribution coverage of one window, as `crmsignal lineage` reports them.</summary>
public sealed class LineageReportReader(LineageQuery writers, AttributionCoverageReader coverage, TimeProvider timeProvider)
{
    public async Task<LineageReport> ReadAsync(LineageWindow window, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(window);
        var inventory = LineageInventory.Build(window, await writers.WritersAsync(window, ct));
        return new LineageReport(inventory, await coverage.ReadAsync(window, ct), timeProvider.GetUtcNow());
    }
}
