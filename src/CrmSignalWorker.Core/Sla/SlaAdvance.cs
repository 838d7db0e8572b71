using CrmSignalWorker.Core.Milestones;

namespace CrmSignalWorker.Core.Sla;

/// <summary>What one pass of <see cref="SlaClockTracker"/> produced.</summary>
/// <param name="Events">The clock events, in time order per record.</param>
/// <param name="Open">Clocks still running or paused, to store.</param>
/// <param name="Closed">Clocks that stopped, or whose policy is no longer configured, to remove.</param>
public sealed record SlaAdvance(IReadOnlyList<MilestoneEvent> Events, IReadOnlyList<SlaClockSnapshot> Open, IReadOnlyList<SlaClockSnapshot> Closed)
{
    /// <summary>Clocks removed because their policy is gone from the configuration.</summary>
    public int Orphaned { get; init; }
}
