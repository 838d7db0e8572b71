namespace CrmSignalWorker.Core.Lineage;

/// <summary>What `crmsignal lineage` reports: the inventory of a window and the attribution coverage of the same window.</summary>
public sealed record LineageReport(LineageInventory Inventory, AttributionCoverage Coverage, DateTimeOffset GeneratedAt)
{
    public LineageWindow Window => Inventory.Window;
}
