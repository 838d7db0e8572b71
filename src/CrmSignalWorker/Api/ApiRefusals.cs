using CrmSignalWorker.Telemetry;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace CrmSignalWorker.Api;

/// <summary>
/// Logs and counts every refused API request. The route is logged as its pattern, not the path, so record ids stay
/// out of logs and metric tags; the token is named only once it has matched, and its secret never.
/// </summary>
public sealed class ApiRefusals(ApiTelemetry telemetry, ILogger<ApiRefusals> logger)
{
    public void Record(HttpContext context, string reason, string? tokenName)
    {
        ArgumentNullException.ThrowIfNull(context);
        var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "unmatched";
        telemetry.Refused.Add(1, new KeyValuePair<string, object?>("reason", reason), new KeyValuePair<string, object?>("route", route));
        logger.RequestRefused(context.Request.Method, route, reason, tokenName ?? "none", context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
    }
}
