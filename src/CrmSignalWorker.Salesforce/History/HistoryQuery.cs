using CrmSignalWorker.Core.Normalization;

namespace CrmSignalWorker.Salesforce.History;

/// <summary>
/// The SOQL that reads a history object from a watermark. It filters with <c>&gt;=</c> because rows share
/// one-second timestamps: the rows at the watermark second are read again and de-duplicated by id on write.
/// </summary>
public static class HistoryQuery
{
    /// <param name="until">Exclusive upper bound, for a backfill of a closed range; null reads to the newest row.</param>
    public static string For(string historyObject, DateTimeOffset since, DateTimeOffset? until = null)
    {
        var range = $"CreatedDate >= {SalesforceDateTime.ToSoqlLiteral(since)}"
            + (until is { } end ? $" AND CreatedDate < {SalesforceDateTime.ToSoqlLiteral(end)}" : "");
        if (historyObject == SalesforceObjects.OpportunityHistory)
        {
            return "SELECT Id, OpportunityId, StageName, Amount, CloseDate, Probability, ForecastCategory, PrevAmount, PrevCloseDate, CreatedById, CreatedDate "
                + $"FROM OpportunityHistory WHERE {range} ORDER BY CreatedDate, Id";
        }

        return $"SELECT Id, {ParentKeyOf(historyObject)}, Field, DataType, OldValue, NewValue, CreatedById, CreatedDate "
            + $"FROM {historyObject} WHERE {range} ORDER BY CreatedDate, Id";
    }

    /// <summary>
    /// The SOQL that reads the history of the named records from <paramref name="since"/>: how a gap in the change
    /// stream is filled. Keep the id list short (a few hundred): the query travels in the URL.
    /// </summary>
    public static string ForRecords(string historyObject, IReadOnlyCollection<string> recordIds, DateTimeOffset since)
    {
        ArgumentNullException.ThrowIfNull(recordIds);
        if (recordIds.Count == 0)
        {
            throw new ArgumentException("At least one record id is needed; read the whole object with For().", nameof(recordIds));
        }

        foreach (var id in recordIds)
        {
            // Ids go into the query text: accept only what a Salesforce id can be, so nothing else can reach SOQL.
            if (id.Length is not (15 or 18) || !id.All(char.IsAsciiLetterOrDigit))
            {
                throw new ArgumentException($"'{id}' is not a Salesforce record id (15 or 18 letters and digits).", nameof(recordIds));
            }
        }

        var query = For(historyObject, since);
        var parentKey = historyObject == SalesforceObjects.OpportunityHistory ? "OpportunityId" : ParentKeyOf(historyObject);
        var ids = string.Join(", ", recordIds.Select(id => $"'{id}'"));
        return query.Replace(" WHERE ", $" WHERE {parentKey} IN ({ids}) AND ", StringComparison.Ordinal);
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
