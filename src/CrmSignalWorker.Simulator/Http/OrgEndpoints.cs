using CrmSignalWorker.Simulator.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CrmSignalWorker.Simulator.Http;

/// <summary>Registers the org's services and maps its routes: the one place that shows the whole HTTP surface.</summary>
internal static class OrgEndpoints
{
    public static IServiceCollection AddSimulatedOrg(
        this IServiceCollection services, SimulatedOrgOptions options, TimeProvider time, Scenario scenario)
    {
        services.AddRoutingCore();
        services.AddSingleton(options);
        services.AddSingleton(time);
        services.AddSingleton(scenario);
        services.AddSingleton(OrgDatabaseBuilder.Build(scenario));
        services.AddSingleton<OrgAddress>();
        services.AddSingleton<TokenIssuer>();
        services.AddSingleton(sp => new FaultInjector(sp.GetRequiredService<TokenIssuer>()));
        services.AddSingleton<ApiUsageMeter>();
        services.AddSingleton<QueryCursorStore>();
        services.AddSingleton<ReceivedQueryLog>();
        services.AddSingleton<RestGate>();
        services.AddSingleton<JwtAssertionValidator>();
        services.AddSingleton<TokenEndpoint>();
        services.AddSingleton<QueryEndpoint>();
        services.AddSingleton<LimitsEndpoint>();
        services.AddSingleton<IdentityEndpoint>();
        return services;
    }

    public static void MapSimulatedOrg(this WebApplication app)
    {
        var gate = app.Services.GetRequiredService<RestGate>();
        app.Use((context, next) => gate.InvokeAsync(context, next));

        var token = app.Services.GetRequiredService<TokenEndpoint>();
        var query = app.Services.GetRequiredService<QueryEndpoint>();
        var limits = app.Services.GetRequiredService<LimitsEndpoint>();
        var identity = app.Services.GetRequiredService<IdentityEndpoint>();

        app.MapPost("/services/oauth2/token", token.HandleAsync);
        app.MapGet("/services/data/{version}/query", query.QueryAsync);
        app.MapGet("/services/data/{version}/queryAll", query.QueryAllAsync);
        app.MapGet("/services/data/{version}/query/{locator}", query.NextPageAsync);
        app.MapGet("/services/data/{version}/queryAll/{locator}", query.NextPageAsync);
        app.MapGet("/services/data/{version}/limits", limits.HandleAsync);
        app.MapGet("/id/{orgId}/{userId}", identity.HandleAsync);
        app.MapFallback("/services/data/{**path}", SalesforceErrors.WriteNotFoundAsync);
    }
}
