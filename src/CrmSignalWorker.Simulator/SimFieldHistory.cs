namespace CrmSignalWorker.Simulator;

/// <summary>
/// One row of OpportunityFieldHistory or LeadHistory. Values are kept as the invariant text Salesforce shows;
/// the wire format turns Currency values into JSON numbers.
/// </summary>
/// <param name="ParentId">OpportunityId or LeadId.</param>
/// <param name="DataType">Null for the special <c>created</c> row.</param>
public sealed record SimFieldHistory(
    string Id,
    string ParentId,
    string Field,
    string? DataType,
    string? OldValue,
    string? NewValue,
    string CreatedById,
    DateTimeOffset CreatedDate,
    bool IsDeleted);
