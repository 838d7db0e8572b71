namespace CrmSignalWorker.Core.Changes;

/// <summary>
/// One OpportunityHistory row. Salesforce writes it whenever stage, amount, probability or close date
/// changes and it holds the then-current values (a snapshot, not a diff), so it is kept whole rather
/// than turned into field writes.
/// </summary>
public sealed record OpportunitySnapshot(
    string Id,
    string OpportunityId,
    string? StageName,
    decimal? Amount,
    DateOnly? CloseDate,
    decimal? Probability,
    string? ForecastCategory,
    decimal? PrevAmount,
    DateOnly? PrevCloseDate,
    string CreatedById,
    DateTimeOffset CreatedDate);
