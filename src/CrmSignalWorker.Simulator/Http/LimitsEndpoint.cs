using CrmSignalWorker.Simulator.Query;
using Microsoft.AspNetCore.Http;

namespace CrmSignalWorker.Simulator.Http;

/// <summary><c>GET …/limits</c>: the daily API allocation, the one limit the simulator enforces.</summary>
internal sealed class LimitsEndpoint(ApiUsageMeter usage, SimulatedOrgOptions options)
{
    public async Task HandleAsync(HttpContext context)
    {
        if (!VersionRoute.TryRead(context, options, out _))
        {
            await SalesforceErrors.WriteNotFoundAsync(context);
            return;
        }

        await SalesforceErrors.WriteJsonAsync(context, StatusCodes.Status200OK, SalesforceJson.Render(writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartObject("DailyApiRequests");
            writer.WriteNumber("Max", usage.Limit);
            writer.WriteNumber("Remaining", Math.Max(0, usage.Limit - usage.Used));
            writer.WriteEndObject();
            writer.WriteEndObject();
        }));
    }
}
