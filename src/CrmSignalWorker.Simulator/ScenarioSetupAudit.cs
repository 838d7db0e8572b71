using CrmSignalWorker.Simulator.Generation;

namespace CrmSignalWorker.Simulator;

public sealed partial class Scenario
{
    private SimSetupAudit? _setupAudit;

    /// <summary>
    /// The Setup audit trail, derived from the finished scenario because its flow activation is placed before
    /// the spike the history rows contain. It draws from a Random of its own, so adding it moved no other row.
    /// Generated on first use; the result depends only on the scenario, so a concurrent first use is harmless.
    /// </summary>
    public SimSetupAudit SetupAudit => LazyInitializer.EnsureInitialized(ref _setupAudit, () => SetupAuditTrailGenerator.Generate(this));
}
