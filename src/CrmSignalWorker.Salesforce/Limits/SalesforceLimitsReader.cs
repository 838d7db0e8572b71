using CrmSignalWorker.Salesforce.Rest;

namespace CrmSignalWorker.Salesforce.Limits;

/// <summary>Reads GET /limits and hands the daily allocation to the budget guard.</summary>
public sealed class SalesforceLimitsReader(SalesforceRestClient client, ApiBudgetGuard budget)
{
    /// <exception cref="SalesforceApiException">Salesforce refused the call, e.g. REQUEST_LIMIT_EXCEEDED while the allocation is still used up.</exception>
    public async Task<ApiLimits> ReadAsync(CancellationToken ct)
    {
        var limits = await client.GetAsync("limits", ApiLimits.Parse, ct);
        budget.ObserveLimits(limits);
        return limits;
    }
}
