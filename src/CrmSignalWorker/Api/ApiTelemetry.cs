using System.Diagnostics.Metrics;
using CrmSignalWorker.Telemetry;

namespace CrmSignalWorker.Api;

/// <summary>The API's metrics, on the worker's meter.</summary>
public sealed class ApiTelemetry
{
    public ApiTelemetry(WorkerTelemetry telemetry)
    {
        ArgumentNullException.ThrowIfNull(telemetry);
        Refused = telemetry.Meter.CreateCounter<long>(
            "crmsignal.api.refused", "{request}", "API requests refused, by reason (missing_token, invalid_token, forbidden) and route pattern.");
    }

    public Counter<long> Refused { get; }
}
