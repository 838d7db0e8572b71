namespace CrmSignalWorker.Simulator.Data;

/// <summary>SetupAuditTrail rows as the query engine stores them.</summary>
internal static class SetupAuditTrailRecords
{
    public static SObjectRecord Of(SimSetupAuditTrail row) => new(
        row.Id,
        IsDeleted: false,
        new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["Id"] = row.Id,
            ["Action"] = row.Action,
            ["Section"] = row.Section,
            ["CreatedDate"] = row.CreatedDate,
            ["CreatedById"] = row.CreatedById,
            ["Display"] = row.Display,
            ["DelegateUser"] = row.DelegateUser,
            ["ResponsibleNamespacePrefix"] = row.ResponsibleNamespacePrefix,
        });
}
