using Microsoft.Extensions.Logging;

namespace CrmSignalWorker.Storage.Audit;

internal static partial class ConfigurationChangeLog
{
    // Storage event ids: 2000-2999; configuration changes: 2100-2109.
    [LoggerMessage(2100, LogLevel.Information, "Ingested {Changes} configuration changes and {Quarantined} quarantined audit rows for {Stream}")]
    public static partial void ConfigurationChangesIngested(this ILogger logger, string stream, int changes, int quarantined);
}
