using Microsoft.Extensions.Logging;

namespace CrmSignalWorker.Health;

/// <summary>Probes, scrapes and the gauges behind them: ids 800-819.</summary>
internal static partial class HealthLog
{
    [LoggerMessage(800, LogLevel.Information, "Serving /healthz, /readyz and /metrics on {Addresses}")]
    public static partial void EndpointsListening(this ILogger logger, string addresses);

    [LoggerMessage(801, LogLevel.Warning, "Not ready: {Failures}")]
    public static partial void NotReady(this ILogger logger, string failures);

    [LoggerMessage(802, LogLevel.Information, "Ready again: every readiness check passes")]
    public static partial void ReadyAgain(this ILogger logger);

    [LoggerMessage(810, LogLevel.Warning, "Could not read the Postgres-backed gauges ({Reason}); they keep their last values until the next read succeeds")]
    public static partial void GaugeRefreshFailed(this ILogger logger, string reason);

    [LoggerMessage(811, LogLevel.Information, "Postgres-backed gauges are read again")]
    public static partial void GaugeRefreshRecovered(this ILogger logger);
}
