namespace CrmSignalWorker.Core.Changes;

/// <summary>One row of a Salesforce field-history object (OpportunityFieldHistory, LeadHistory, X__History, ...).</summary>
/// <param name="HistoryObject">The history object's API name, e.g. <c>OpportunityFieldHistory</c>.</param>
/// <param name="ParentId">The id of the record whose field changed.</param>
public sealed record HistoryRow(
    string HistoryObject,
    string Id,
    string ParentId,
    string Field,
    string? DataType,
    string? OldValue,
    string? NewValue,
    string CreatedById,
    DateTimeOffset CreatedDate);
