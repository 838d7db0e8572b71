using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace CrmSignalWorker.Simulator.Http;

/// <summary>
/// What every REST call passes before its handler, in Salesforce's order: injected latency and failures,
/// the bearer token (401), then the API allocation (403); every REST response carries Sforce-Limit-Info.
/// The token endpoint only sees latency and injected failures.
/// </summary>
internal sealed class RestGate(FaultInjector faults, TokenIssuer tokens, ApiUsageMeter usage)
{
    public const string LimitInfoHeader = "Sforce-Limit-Info";

    /// <summary>The usage this call's header reports, so <c>/limits</c> answers the same count even while other calls run.</summary>
    public const string UsageItem = "crmsignal.simulator.api-usage";

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var path = context.Request.Path;
        var isRest = path.StartsWithSegments("/services/data", StringComparison.OrdinalIgnoreCase);
        if (!isRest && !path.StartsWithSegments("/services/oauth2/token", StringComparison.OrdinalIgnoreCase))
        {
            await next(context);
            return;
        }

        var latency = faults.Latency;
        if (latency > TimeSpan.Zero)
        {
            // Real time on purpose: this stands in for the network, which a test's fake clock does not drive.
            await Task.Delay(latency, context.RequestAborted);
        }

        if (isRest)
        {
            context.Response.Headers[LimitInfoHeader] = usage.Header(usage.Used);
        }

        if (faults.TryTakeFailure(out var failure))
        {
            await SalesforceErrors.WriteAsync(context, failure.StatusCode, failure.ErrorCode, failure.Message);
            return;
        }

        if (!isRest)
        {
            await next(context);
            return;
        }

        if (!tokens.IsValid(BearerToken(context.Request)))
        {
            context.Response.Headers[HeaderNames.WWWAuthenticate] = "Token";
            await SalesforceErrors.WriteAsync(
                context, StatusCodes.Status401Unauthorized, SalesforceErrors.InvalidSessionId, SalesforceErrors.SessionExpiredMessage);
            return;
        }

        if (!usage.TryConsume(out var used))
        {
            await SalesforceErrors.WriteAsync(
                context, StatusCodes.Status403Forbidden, SalesforceErrors.RequestLimitExceeded, "TotalRequests Limit exceeded.");
            return;
        }

        context.Response.Headers[LimitInfoHeader] = usage.Header(used);
        context.Items[UsageItem] = used;
        await next(context);
    }

    /// <summary>Salesforce accepts both <c>Bearer</c> and the older <c>OAuth</c> scheme.</summary>
    private static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        foreach (var scheme in (ReadOnlySpan<string>)["Bearer ", "OAuth "])
        {
            if (header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            {
                return header[scheme.Length..].Trim();
            }
        }

        return null;
    }
}
