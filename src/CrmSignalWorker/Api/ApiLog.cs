using Microsoft.Extensions.Logging;

namespace CrmSignalWorker.Api;

/// <summary>The API: ids 820-839. Tokens are named, never quoted; record ids stay out (routes are logged as patterns).</summary>
internal static partial class ApiLog
{
    [LoggerMessage(825, LogLevel.Warning, "A refused API request could not be written to the audit log")]
    public static partial void RefusalNotAudited(this ILogger logger, Exception exception);

    [LoggerMessage(820, LogLevel.Warning, "Refused {Method} {Route}: {Reason} (token {TokenName}, from {RemoteAddress})")]
    public static partial void RequestRefused(this ILogger logger, string method, string route, string reason, string tokenName, string remoteAddress);

    [LoggerMessage(821, LogLevel.Information, "Serving the API (GET /trace) to {Tokens} configured tokens; reads run as role {Role} under row-level security")]
    public static partial void ApiServed(this ILogger logger, int tokens, string role);

    [LoggerMessage(822, LogLevel.Information, "No API token is configured (Api:Tokens): the API is not served")]
    public static partial void ApiNotServed(this ILogger logger);
}
