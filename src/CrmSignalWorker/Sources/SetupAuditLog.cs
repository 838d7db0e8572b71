using Microsoft.Extensions.Logging;

namespace CrmSignalWorker.Sources;

internal static partial class SetupAuditLog
{
    // Host event ids: 100-999; the Setup audit source: 450-459.
    [LoggerMessage(450, LogLevel.Information, "Polled SetupAuditTrail: {Pages} pages, {New} new configuration changes, watermark {Watermark}")]
    public static partial void SetupAuditPolled(this ILogger logger, int pages, int @new, DateTimeOffset? watermark);
}
