using CrmSignalWorker.Simulator.Query;
using Microsoft.AspNetCore.Http;

namespace CrmSignalWorker.Simulator.Http;

/// <summary>
/// <c>GET …/limits</c>: the daily API allocation, the one limit the simulator enforces. Remaining is Max minus the usage
/// this very response's <c>Sforce-Limit-Info</c> reports (the call itself counts, as in Salesforce).
/// </summary>
internal sealed class LimitsEndpoint(ApiUsageMeter usage, SimulatedOrgOptions options)
{
    public async Task HandleAsync(HttpContext context)
    {
        if (!VersionRoute.TryRead(context, options, out _))
        {
            await SalesforceErrors.WriteNotFoundAsync(context);
            return;
        }

        var used = context.Items[RestGate.UsageItem] as int? ?? usage.Used;
        await SalesforceErrors.WriteJsonAsync(context, StatusCodes.Status200OK, SalesforceJson.Render(writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartObject("DailyApiRequests");
            writer.WriteNumber("Max", usage.Limit);
            writer.WriteNumber("Remaining", Math.Max(0, usage.Limit - used));
            writer.WriteEndObject();
            writer.WriteEndObject();
        }));
    }
}
