using Microsoft.Extensions.Logging;

namespace CrmSignalWorker.Salesforce;

internal static partial class Log
{
    // Salesforce event ids: 1000-1999.
    [LoggerMessage(1000, LogLevel.Information, "Obtained a Salesforce token for {InstanceHost} (org {OrgId})")]
    public static partial void TokenIssued(this ILogger logger, string instanceHost, string? orgId);

    [LoggerMessage(1001, LogLevel.Error, "Salesforce at {Host} refused a {Grant} token with status {StatusCode}: {Error}")]
    public static partial void TokenRefused(this ILogger logger, string host, string grant, int statusCode, string error);

    [LoggerMessage(1002, LogLevel.Warning, "Salesforce rejected the session ({ErrorCode}); re-authenticating once")]
    public static partial void SessionRejected(this ILogger logger, string errorCode);

    [LoggerMessage(1010, LogLevel.Warning, "Quarantined a {HistoryObject} row: {Reason}")]
    public static partial void RowQuarantined(this ILogger logger, string historyObject, string reason);
}
