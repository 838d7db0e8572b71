namespace CrmSignalWorker.Simulator;

/// <summary>A lead as it stands at the end of the scenario.</summary>
public sealed record SimLead(
    string Id,
    string FirstName,
    string LastName,
    string Company,
    string Market,
    string Status,
    string LeadSource,
    string OwnerId,
    string CreatedById,
    DateTimeOffset CreatedDate,
    DateTimeOffset LastModifiedDate,
    bool IsDeleted);
