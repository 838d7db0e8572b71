using CrmSignalWorker.Core.Lineage;
using CrmSignalWorker.Storage.Lineage;
using Microsoft.Extensions.Options;

namespace CrmSignalWorker.Lineage;

/// <summary>Attribution coverage of a window: the store's tallies shaped against the configured target.</summary>
public sealed class AttributionCoverageReader(AttributionCoverageQuery query, IOptions<LineageOptions> options)
{
    public async Task<AttributionCoverage> ReadAsync(LineageWindow window, CancellationToken ct) =>
        AttributionCoverage.Build(await query.TalliesAsync(window, ct), options.Value.CoverageTarget);
}
