using CrmSignalWorker.Core.Lineage;

namespace CrmSignalWorker.UnitTests.Worker.Lineage;

/// <summary>A small report with every kind of row: known and unknown writers, several channels, coverage above and below target.</summary>
internal static class TestReports
{
    public static readonly LineageWindow Window = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 1, 31, 0, 0, 0, TimeSpan.Zero));

    public static readonly DateTimeOffset GeneratedAt = new(2026, 1, 31, 6, 0, 0, TimeSpan.Zero);

    public static LineageReport Create(string team = "AE", string clientName = "MarketoSync") => new(
        LineageInventory.Build(Window,
        [
            new("Opportunity", "StageName", new Writer("human", team, null, null), "ui", 50),
            new("Opportunity", "StageName", new Writer("integration", "Integration", clientName, null), "api", 30),
            new("Opportunity", "StageName", new Writer("automation", "Automation", null, "Opportunity_Stage_Flow"), "automation", 15),
            new("Opportunity", "StageName", new Writer("unknown", null, null, null), "unknown", 5),
            new("Lead", "OwnerId", new Writer("automation", "Automation", null, "Lead_Routing_Flow"), "automation", 8),
        ]),
        AttributionCoverage.Build(
        [
            new("Opportunity", "cdc", "StageName", 95, 95),
            new("Opportunity", "history", "StageName", 5, 0),
            new("Lead", "history", "OwnerId", 10, 7),
        ]),
        GeneratedAt);
}
