using CrmSignalWorker.Simulator.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CrmSignalWorker.Simulator.PubSub;

/// <summary>Registers the org's Pub/Sub API and maps it onto its own listener.</summary>
internal static class PubSubEndpoints
{
    private const string ServicePath = "/eventbus.v1.PubSub";

    public static IServiceCollection AddSimulatedPubSub(this IServiceCollection services, PubSubListener listener)
    {
        services.AddGrpc();
        services.AddSingleton(listener);
        services.AddSingleton(sp => new DeterministicIds(sp.GetRequiredService<SimulatedOrgOptions>().Seed));
        services.AddSingleton<SchemaRegistry>();
        services.AddSingleton(sp => new TransactionSource(sp.GetRequiredService<SimulatedOrgOptions>().Seed, sp.GetRequiredService<DeterministicIds>()));
        services.AddSingleton(CreateBus);
        services.AddSingleton<PubSubAuthenticator>();
        services.AddSingleton<PubSubService>();
        services.AddSingleton(sp =>
        {
            sp.GetRequiredService<FaultInjector>().PubSub.Attach(sp.GetRequiredService<SchemaRegistry>());
            return new SimulatedPubSub(
                sp.GetRequiredService<EventBus>(),
                sp.GetRequiredService<SchemaRegistry>(),
                sp.GetRequiredService<TransactionSource>(),
                sp.GetRequiredService<Scenario>(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<FaultInjector>().PubSub);
        });
        return services;
    }

    /// <summary>
    /// Keeps the two listeners apart, before any REST middleware runs: gRPC only on the Pub/Sub port, REST only on the other,
    /// as they are different hosts in Salesforce.
    /// </summary>
    public static void UsePubSubListener(this WebApplication app)
    {
        var listener = app.Services.GetRequiredService<PubSubListener>();
        app.Use((context, next) =>
        {
            var onPubSubPort = context.Connection.LocalPort == listener.Port;
            var isPubSubCall = context.Request.Path.StartsWithSegments(ServicePath, StringComparison.Ordinal);
            if (onPubSubPort != isPubSubCall)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }

            return next(context);
        });
    }

    public static void MapSimulatedPubSub(this WebApplication app) => app.MapGrpcService<PubSubService>();

    /// <summary>The bus starts with the scenario's history (change events and workflow events) already published, in commit order.</summary>
    private static EventBus CreateBus(IServiceProvider services)
    {
        var options = services.GetRequiredService<SimulatedOrgOptions>();
        var scenario = services.GetRequiredService<Scenario>();
        var bus = new EventBus(options.Seed, services.GetRequiredService<SchemaRegistry>(), services.GetRequiredService<DeterministicIds>(), options.EventRetention);
        var history = new ScenarioChangeEvents(scenario, new ChangeOrigins(scenario, options.ApiVersion), services.GetRequiredService<TransactionSource>());
        bus.PublishAll(history.Build().All);
        return bus;
    }
}
