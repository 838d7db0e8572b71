using CrmSignalWorker.Salesforce;
using CrmSignalWorker.Salesforce.Limits;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmSignalWorker.Hosting;

/// <summary>
/// Reads GET /limits every Salesforce:LimitsCheckInterval for the API budget guard. It runs even while polling
/// is paused (<see cref="ApiDemand.None"/>), since it is how a pause for REQUEST_LIMIT_EXCEEDED ends: the
/// allocation is a rolling 24 hours, and the first reading with calls remaining lets polling resume.
/// </summary>
public sealed class ApiLimitsCheck(SalesforceLimitsReader reader, IOptions<SalesforceOptions> options, ILogger<ApiLimitsCheck> logger) : IPeriodicJob
{
    public string Name => "api-limits-check";

    public TimeSpan Interval => options.Value.LimitsCheckInterval;

    /// <summary>Every replica keeps its own budget guard, so each reads the limits itself.</summary>
    public bool LeaderOnly => false;

    public ApiDemand Demand => ApiDemand.None;

    public async Task RunOnceAsync(CancellationToken ct)
    {
        try
        {
            await reader.ReadAsync(ct);
        }
        catch (SalesforceApiException ex) when (ex.IsRequestLimitExceeded)
        {
            // Expected while the allocation is used up: the guard stays paused and the next check asks again.
            logger.LimitsStillExceeded();
        }
    }
}
