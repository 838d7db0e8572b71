namespace CrmSignalWorker.Salesforce.Limits;

/// <summary>What the budget guard knows and decided, for health reports and logs.</summary>
/// <param name="Used">API calls in the rolling 24 hours as last reported; null before the first response.</param>
/// <param name="Max">The daily allocation as last reported.</param>
/// <param name="Share">Used / Max, when both are known.</param>
/// <param name="Threshold">Salesforce:ApiBudgetShare.</param>
/// <param name="Pause">What is held back, and why.</param>
/// <param name="PausedSince">When the current pause began; null when nothing is held back.</param>
public sealed record ApiBudgetState(long? Used, long? Max, double? Share, double Threshold, BudgetPause Pause, DateTimeOffset? PausedSince);
