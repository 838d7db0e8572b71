using CrmSignalWorker.Salesforce.Rest;
using CrmSignalWorker.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace CrmSignalWorker.Extensions;

public static class TelemetryExtensions
{
    /// <summary>The service name resources carry unless OTEL_SERVICE_NAME says otherwise.</summary>
    public const string ServiceName = "crmsignal-worker";

    /// <summary>
    /// Traces, metrics and logs of the worker, Npgsql and Polly. They leave the process over OTLP only when an
    /// endpoint is configured through the standard OTEL_EXPORTER_OTLP_* environment variables; `run` also serves
    /// the metrics for Prometheus to scrape.
    /// </summary>
    public static IHostApplicationBuilder ConfigureOpenTelemetry(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<WorkerTelemetry>();
        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource =>
            {
                // The SDK reads OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES itself; this only replaces "unknown_service".
                if (string.IsNullOrWhiteSpace(builder.Configuration["OTEL_SERVICE_NAME"]))
                {
                    resource.AddService(ServiceName);
                }
            })
            .WithTracing(tracing => tracing.AddSource(WorkerTelemetry.Name))
            .WithMetrics(metrics => metrics.AddMeter(WorkerTelemetry.Name, SalesforceTelemetry.MeterName, "Npgsql", "Polly"));
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            // Logs go through OpenTelemetry only when they are exported: otherwise it would be a second, idle pipeline.
            otel.WithLogging().UseOtlpExporter();
        }

        return builder;
    }

    /// <summary>Gauges of the state kept in Postgres and of the API budget, sampled in the background while the worker runs.</summary>
    public static IHostApplicationBuilder AddStateGauges(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptionsWithValidateOnStart<MetricsOptions, MetricsOptionsValidator>().BindConfiguration(MetricsOptions.SectionName);
        builder.Services.AddSingleton<StateGauges>();
        builder.Services.AddHostedService<StateSampler>();
        return builder;
    }
}
