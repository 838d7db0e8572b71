using CrmSignalWorker.Storage.Scoping;
using CrmSignalWorker.Storage.Trace;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrmSignalWorker.Api;

/// <summary>The API on `crmsignal run`'s HTTP server: token authentication, role policies, the scoped reads and the routes.</summary>
public static class WorkerApiExtensions
{
    public static IServiceCollection AddWorkerApi(this IServiceCollection services)
    {
        services.AddOptionsWithValidateOnStart<ApiOptions, ApiOptionsValidator>().BindConfiguration(ApiOptions.SectionName);
        services.AddSingleton<ApiTokenRegistry>();
        services.AddSingleton<ApiTelemetry>();
        services.AddSingleton<ApiRefusals>();
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, configureOptions: null);
        ApiPolicies.Add(services.AddAuthorizationBuilder());
        services.AddSingleton<ScopedRoleProvisioner>();
        services.AddSingleton<MarketScopedReads>();
        services.AddSingleton<TimelineReader>();
        services.AddHostedService<ScopedRoleStartup>();
        return services;
    }

    /// <summary>Maps the API when at least one token is configured; without one, not a single API route exists.</summary>
    public static WebApplication MapWorkerApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var registry = app.Services.GetRequiredService<ApiTokenRegistry>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(WorkerApiExtensions));
        if (!registry.IsEnabled)
        {
            logger.ApiNotServed();
            return app;
        }

        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet(TraceEndpoint.Route, TraceEndpoint.HandleAsync).RequireAuthorization(ApiPolicies.Reader);
        logger.ApiServed(registry.Count, ScopedReadRole.Name);
        return app;
    }
}
