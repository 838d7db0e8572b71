using CrmSignalWorker.Core.AuditLog;
using CrmSignalWorker.Storage.AuditLog;
using CrmSignalWorker.Telemetry;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace CrmSignalWorker.Api;

/// <summary>
/// Logs, counts and audits every refused API request. The route is logged as its pattern, not the path, so record
/// ids stay out of logs, metric tags and the audit log; the token is named only once it has matched, and its secret
/// never.
/// </summary>
public sealed class ApiRefusals(ApiTelemetry telemetry, AuditLogStore audit, TimeProvider timeProvider, ILogger<ApiRefusals> logger)
{
    public async Task RecordAsync(HttpContext context, string reason, string? tokenName)
    {
        ArgumentNullException.ThrowIfNull(context);
        var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "unmatched";
        telemetry.Refused.Add(1, new KeyValuePair<string, object?>("reason", reason), new KeyValuePair<string, object?>("route", route));
        var remote = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        logger.RequestRefused(context.Request.Method, route, reason, tokenName ?? "none", remote);
        try
        {
            await audit.AppendAsync(
                new AuditRecord(AuditKinds.RequestRejected, tokenName ?? "anonymous", $"{context.Request.Method} {route}", $"{reason} from {remote}", timeProvider.GetUtcNow()),
                context.RequestAborted);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The refusal stands whether or not Postgres is reachable; the log line above still records it.
            logger.RefusalNotAudited(ex);
        }
    }
}
