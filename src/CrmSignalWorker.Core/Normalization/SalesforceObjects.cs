namespace CrmSignalWorker.Core.Normalization;

/// <summary>Names Salesforce gives history objects and the fields that carry workflow state.</summary>
public static class SalesforceObjects
{
    public const string OpportunityFieldHistory = "OpportunityFieldHistory";
    public const string OpportunityHistory = "OpportunityHistory";
    public const string LeadHistory = "LeadHistory";

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

    /// <summary>The field whose value is the record's workflow stage, or null when the object has none.</summary>
    public static string? StageFieldOf(string objectName) => objectName switch
    {
        "Opportunity" => "StageName",
        "Lead" or "Case" => "Status",
        _ => null,
    };
}
