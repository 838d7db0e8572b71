namespace CrmSignalWorker.Salesforce.History;

/// <summary>
/// The SOQL that reads the Setup audit trail from a watermark. Like history, rows share one-second timestamps,
/// so it filters with <c>&gt;=</c> and the rows at the watermark second are read again and de-duplicated by id.
/// </summary>
public static class SetupAuditTrailQuery
{
    public const string ObjectName = "SetupAuditTrail";

    public static string For(DateTimeOffset since) =>
        "SELECT Id, Action, Section, CreatedDate, CreatedById, Display, DelegateUser "
        + $"FROM {ObjectName} WHERE CreatedDate >= {SalesforceDateTime.ToSoqlLiteral(since)} ORDER BY CreatedDate, Id";
}
