namespace CrmSignalWorker.Simulator;

/// <summary>One OpportunityHistory snapshot: the then-current stage, amount and close date after a change to any of them.</summary>
public sealed record SimOpportunityHistory(
    string Id,
    string OpportunityId,
    string StageName,
    decimal? Amount,
    DateOnly? CloseDate,
    decimal? Probability,
    decimal? ExpectedRevenue,
    string? ForecastCategory,
    decimal? PrevAmount,
    DateOnly? PrevCloseDate,
    string CreatedById,
    DateTimeOffset CreatedDate,
    bool IsDeleted);
