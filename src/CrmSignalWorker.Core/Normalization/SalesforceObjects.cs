namespace CrmSignalWorker.Core.Normalization;

/// <summary>Names Salesforce gives history objects and the fields that carry workflow state.</summary>
public static class SalesforceObjects
{
    public const string OpportunityFieldHistory = "OpportunityFieldHistory";
    public const string OpportunityHistory = "OpportunityHistory";
    public const string LeadHistory = "LeadHistory";

    /// <summary>The history Field (and CDC pseudo-field) of a record's creation.</summary>
    public const string CreatedField = "created";

    /// <summary>
    /// History writes a row on the surviving record of a merge with a special Field value: accountMerged, contactMerged,
    /// leadMerged, individualMerged. Special values are camelCase; API field names are not.
    /// </summary>
    public static bool IsMergeField(string field) =>
        field.Length > "Merged".Length && char.IsLower(field[0]) && field.EndsWith("Merged", StringComparison.Ordinal);

    /// <summary>The object whose field changed, from its history object's name.</summary>
    public static string TrackedObjectOf(string historyObject)
    {
        ArgumentException.ThrowIfNullOrEmpty(historyObject);
        if (historyObject == OpportunityFieldHistory)
        {
            return "Opportunity";
        }

        // Custom objects: Foo__History tracks Foo__c.
        if (historyObject.EndsWith("__History", StringComparison.Ordinal))
        {
            return string.Concat(historyObject.AsSpan(0, historyObject.Length - "__History".Length), "__c");
        }

        if (historyObject.EndsWith("History", StringComparison.Ordinal) && historyObject.Length > "History".Length)
        {
            return historyObject[..^"History".Length];
        }

        throw new ArgumentException($"'{historyObject}' is not a field-history object name.", nameof(historyObject));
    }

    /// <summary>The field-history object that tracks <paramref name="objectName"/>: OpportunityFieldHistory, LeadHistory, Foo__History.</summary>
    public static string HistoryObjectOf(string objectName)
    {
        ArgumentException.ThrowIfNullOrEmpty(objectName);
        if (objectName == "Opportunity")
        {
            return OpportunityFieldHistory;
        }

        return objectName.EndsWith("__c", StringComparison.Ordinal)
            ? string.Concat(objectName.AsSpan(0, objectName.Length - "__c".Length), "__History")
            : objectName + "History";
    }

    /// <summary>
    /// The object a change-event channel carries: <c>/data/OpportunityChangeEvent</c> → Opportunity,
    /// <c>/data/Foo__ChangeEvent</c> → Foo__c; null for the standard <c>/data/ChangeEvents</c> channel (every selected
    /// object) and custom channels, whose events each name their own entity.
    /// </summary>
    public static string? ObjectOfChangeEventTopic(string topic)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        const string Prefix = "/data/";
        if (!topic.StartsWith(Prefix, StringComparison.Ordinal) || topic == "/data/ChangeEvents")
        {
            return null;
        }

        var name = topic[Prefix.Length..];
        if (name.EndsWith("__ChangeEvent", StringComparison.Ordinal))
        {
            return string.Concat(name.AsSpan(0, name.Length - "__ChangeEvent".Length), "__c");
        }

        return name.EndsWith("ChangeEvent", StringComparison.Ordinal) && name.Length > "ChangeEvent".Length && !name.Contains("__", StringComparison.Ordinal)
            ? name[..^"ChangeEvent".Length]
            : null;
    }

    /// <summary>The field whose value is the record's workflow stage, or null when the object has none.</summary>
    public static string? StageFieldOf(string objectName) => objectName switch
    {
        "Opportunity" => "StageName",
        "Lead" or "Case" => "Status",
        _ => null,
    };
}
