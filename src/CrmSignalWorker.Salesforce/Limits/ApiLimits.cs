using System.Net;
using System.Text.Json;

namespace CrmSignalWorker.Salesforce.Limits;

/// <summary>The daily API allocation as GET /limits reports it under DailyApiRequests.</summary>
public sealed record ApiLimits(long Max, long Remaining)
{
    // Salesforce's JSON names; they match the properties by coincidence, not by contract.
    private const string MaxField = "Max";
    private const string RemainingField = "Remaining";

    public long Used => Math.Max(0, Max - Remaining);

    /// <summary>Reads <c>{"DailyApiRequests":{"Max":15000,"Remaining":14998},…}</c>; the other limits are ignored.</summary>
    /// <exception cref="SalesforceApiException">The response has no usable DailyApiRequests.</exception>
    public static ApiLimits Parse(JsonElement root)
    {
        if (root.ValueKind == JsonValueKind.Object
            && root.TryGetProperty("DailyApiRequests", out var daily)
            && daily.ValueKind == JsonValueKind.Object
            && daily.TryGetProperty(MaxField, out var max) && max.ValueKind == JsonValueKind.Number && max.TryGetInt64(out var maxValue) && maxValue >= 0
            && daily.TryGetProperty(RemainingField, out var remaining) && remaining.ValueKind == JsonValueKind.Number && remaining.TryGetInt64(out var remainingValue))
        {
            return new ApiLimits(maxValue, Math.Clamp(remainingValue, 0, maxValue));
        }

        throw new SalesforceApiException(HttpStatusCode.OK, "UNEXPECTED_RESPONSE", "limits response has no DailyApiRequests with Max and Remaining");
    }
}
