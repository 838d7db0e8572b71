using CrmSignalWorker.Api;
using CrmSignalWorker.Health;
using CrmSignalWorker.Http;
using CrmSignalWorker.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace CrmSignalWorker.Extensions;

/// <summary>The HTTP side of `crmsignal run`: Kestrel on Http:Port, the readiness checks, the Prometheus exporter and the API.</summary>
public static class WorkerHttpExtensions
{
    public static WebApplicationBuilder AddWorkerEndpoints(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptionsWithValidateOnStart<HttpOptions, HttpOptionsValidator>().BindConfiguration(HttpOptions.SectionName);
        // Http:Port is the one setting that counts. The ASP.NET image sets ASPNETCORE_HTTP_PORTS; cleared here so
        // Kestrel does not warn on every start that the endpoint below overrides it.
        builder.WebHost.UseSetting(WebHostDefaults.ServerUrlsKey, "");
        builder.WebHost.UseSetting(WebHostDefaults.HttpPortsKey, "");
        builder.WebHost.UseSetting(WebHostDefaults.HttpsPortsKey, "");
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<HttpOptions>>((kestrel, http) => kestrel.ListenAnyIP(http.Value.Port));

        services.AddOptionsWithValidateOnStart<HealthOptions, HealthOptionsValidator>().BindConfiguration(HealthOptions.SectionName);
        services.AddSingleton<ReadinessTransitions>();
        // Singletons: the Salesforce check keeps its last outcome between probes.
        services.AddSingleton<PostgresHealthCheck>();
        services.AddSingleton<RedisHealthCheck>();
        services.AddSingleton<SalesforceAuthHealthCheck>();
        services.AddSingleton<StreamLagHealthCheck>();
        string[] ready = [WorkerEndpoints.ReadyTag];
        services.AddHealthChecks()
            .AddCheck<PostgresHealthCheck>("postgres", tags: ready)
            .AddCheck<RedisHealthCheck>("redis", tags: ready)
            .AddCheck<SalesforceAuthHealthCheck>("salesforce-auth", tags: ready)
            .AddCheck<StreamLagHealthCheck>("stream-lag", tags: ready);
        services.AddOptions<HealthCheckServiceOptions>().PostConfigure<IOptions<HealthOptions>>((checks, health) =>
        {
            foreach (var registration in checks.Registrations)
            {
                registration.Timeout = health.Value.CheckTimeout;
            }
        });

        services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddPrometheusExporter());
        builder.AddStateGauges();
        services.AddWorkerApi();
        return builder;
    }
}
