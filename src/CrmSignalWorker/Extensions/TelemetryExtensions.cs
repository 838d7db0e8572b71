using CrmSignalWorker.Salesforce.Rest;
using CrmSignalWorker.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace CrmSignalWorker.Extensions;

public static class TelemetryExtensions
{
    /// <summary>
    /// Traces and metrics of the worker, Npgsql and Polly. They leave the process only when an OTLP endpoint
    /// is configured through the standard OTEL_EXPORTER_OTLP_* environment variables.
    /// </summary>
    public static IHostApplicationBuilder ConfigureOpenTelemetry(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<WorkerTelemetry>();
        var otel = builder.Services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.AddSource(WorkerTelemetry.Name))
            .WithMetrics(metrics => metrics.AddMeter(WorkerTelemetry.Name, SalesforceTelemetry.MeterName, "Npgsql", "Polly"));
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            otel.UseOtlpExporter();
        }

        return builder;
    }
}
