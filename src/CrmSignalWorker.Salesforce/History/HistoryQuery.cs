using CrmSignalWorker.Core.Normalization;

namespace CrmSignalWorker.Salesforce.History;

/// <summary>
/// The SOQL that reads a history object from a watermark. It filters with <c>&gt;=</c> because rows share
/// one-second timestamps: the rows at the watermark second are read again and de-duplicated by id on write.
/// </summary>
public static class HistoryQuery
{
    public static string For(string historyObject, DateTimeOffset since)
    {
        var literal = SalesforceDateTime.ToSoqlLiteral(since);
        if (historyObject == SalesforceObjects.OpportunityHistory)
        {
            return "SELECT Id, OpportunityId, StageName, Amount, CloseDate, Probability, ForecastCategory, PrevAmount, PrevCloseDate, CreatedById, CreatedDate "
                + $"FROM OpportunityHistory WHERE CreatedDate >= {literal} ORDER BY CreatedDate, Id";
        }

        return $"SELECT Id, {ParentKeyOf(historyObject)}, Field, DataType, OldValue, NewValue, CreatedById, CreatedDate "
            + $"FROM {historyObject} WHERE CreatedDate >= {literal} ORDER BY CreatedDate, Id";
    }

    /// <summary>The field that names the changed record: OpportunityId, LeadId, ..., or ParentId on custom objects.</summary>
    public static string ParentKeyOf(string historyObject)
    {
        if (historyObject.EndsWith("__History", StringComparison.Ordinal))
        {
            return "ParentId";
        }

        return SalesforceObjects.TrackedObjectOf(historyObject) + "Id";
    }
}
