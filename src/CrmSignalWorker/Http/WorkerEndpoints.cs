using CrmSignalWorker.Health;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace CrmSignalWorker.Http;

/// <summary>The worker's only HTTP surface: liveness, readiness and the Prometheus scrape. Nothing here changes state.</summary>
public static class WorkerEndpoints
{
    /// <summary>Tag of the checks /readyz runs.</summary>
    public const string ReadyTag = "ready";

    public static WebApplication MapWorkerEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // Alive means the process serves requests; dependencies belong to readiness, so an outage of one
        // does not get the process restarted for nothing.
        app.MapGet("/healthz", () => Results.Text("ok\n", "text/plain"));
        app.MapHealthChecks("/readyz", new HealthCheckOptions
        {
            Predicate = registration => registration.Tags.Contains(ReadyTag),
            ResponseWriter = ReadinessResponse.WriteAsync,
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        });
        app.MapPrometheusScrapingEndpoint("/metrics");

        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(WorkerEndpoints));
        app.Lifetime.ApplicationStarted.Register(() => logger.EndpointsListening(string.Join(", ", app.Urls)));
        return app;
    }
}
