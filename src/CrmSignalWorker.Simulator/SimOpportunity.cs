namespace CrmSignalWorker.Simulator;

/// <summary>An opportunity as it stands at the end of the scenario.</summary>
public sealed record SimOpportunity(
    string Id,
    string Name,
    string Market,
    string StageName,
    decimal? Amount,
    DateOnly CloseDate,
    string OwnerId,
    string CreatedById,
    DateTimeOffset CreatedDate,
    DateTimeOffset LastModifiedDate,
    bool IsDeleted);
