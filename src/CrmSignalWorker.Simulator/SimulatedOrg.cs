using CrmSignalWorker.Simulator.Generation;
using CrmSignalWorker.Simulator.Hosting;
using CrmSignalWorker.Simulator.Http;
using CrmSignalWorker.Simulator.PubSub;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace CrmSignalWorker.Simulator;

/// <summary>
/// A simulated Salesforce org on loopback HTTP. It speaks the real wire protocols (OAuth client credentials,
/// REST query with paging, error arrays, limit headers, and the Pub/Sub API over gRPC on a second listener),
/// so the worker's production clients talk to it unchanged.
/// </summary>
public sealed class SimulatedOrg : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ApiUsageMeter _usage;
    private readonly ReceivedQueryLog _queries;

    private SimulatedOrg(WebApplication app, Uri baseUrl, Uri pubSubUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
        PubSubUrl = pubSubUrl;
        Scenario = app.Services.GetRequiredService<Scenario>();
        Faults = app.Services.GetRequiredService<FaultInjector>();
        PubSub = app.Services.GetRequiredService<SimulatedPubSub>();
        _usage = app.Services.GetRequiredService<ApiUsageMeter>();
        _queries = app.Services.GetRequiredService<ReceivedQueryLog>();
    }

    /// <summary>Both the login (token) host and the <c>instance_url</c>, e.g. <c>http://127.0.0.1:54321/</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The Pub/Sub API endpoint (gRPC, HTTP/2 without TLS), e.g. <c>http://127.0.0.1:54322</c>; for <c>GrpcChannel.ForAddress</c>.</summary>
    public Uri PubSubUrl { get; }

    public Scenario Scenario { get; }

    public FaultInjector Faults { get; }

    /// <summary>The change-event bus behind the Pub/Sub API: published events, and live publishing for tests.</summary>
    public SimulatedPubSub PubSub { get; }

    /// <summary>REST calls counted toward <c>Sforce-Limit-Info</c> (authenticated calls within the allocation).</summary>
    public int ApiRequestCount => _usage.Used;

    /// <summary>SOQL strings received by query and queryAll after authentication, in order.</summary>
    public IReadOnlyList<string> ReceivedQueries => _queries.Snapshot();

    /// <summary>Generates the scenario and starts listening.</summary>
    /// <param name="timeProvider">Drives token and locator expiry and the default end date; defaults to the system clock.</param>
    public static async Task<SimulatedOrg> StartAsync(
        SimulatedOrgOptions options, TimeProvider? timeProvider = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = Copy(options);
        settings.Validate();
        var time = timeProvider ?? TimeProvider.System;
        var endDate = settings.EndDate ?? DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var scenario = new ScenarioGenerator(settings, endDate).Generate();

        var builder = LoopbackHost.CreateBuilder(settings.Port);
        var pubSubListener = PubSubListener.AddTo(builder, settings.PubSubPort);
        builder.Services.AddSimulatedOrg(settings, time, scenario);
        builder.Services.AddSimulatedPubSub(pubSubListener);
        var app = builder.Build();

        // The bus is filled from the scenario now, not on the first RPC.
        app.Services.GetRequiredService<SimulatedPubSub>();
        app.UsePubSubListener();
        app.MapSimulatedOrg();
        app.MapSimulatedPubSub();
        try
        {
            await app.StartAsync(ct);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var pubSubUrl = pubSubListener.Url;
        var baseUrl = RestAddress(app, pubSubUrl.Port);
        app.Services.GetRequiredService<OrgAddress>().BaseUrl = baseUrl;
        return new SimulatedOrg(app, baseUrl, pubSubUrl);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>The REST listener's address: the bound address that is not the Pub/Sub one.</summary>
    private static Uri RestAddress(WebApplication app, int pubSubPort)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        var port = addresses.Select(a => new Uri(a).Port).First(p => p != pubSubPort);
        return new Uri($"http://127.0.0.1:{port}");
    }

    // The org keeps its own copy so a caller changing the options object later cannot change a running org.
    private static SimulatedOrgOptions Copy(SimulatedOrgOptions o) => new()
    {
        Seed = o.Seed,
        Days = o.Days,
        EndDate = o.EndDate,
        Opportunities = o.Opportunities,
        Leads = o.Leads,
        ClientId = o.ClientId,
        ClientSecret = o.ClientSecret,
        Port = o.Port,
        ApiVersion = o.ApiVersion,
        TokenLifetime = o.TokenLifetime,
        JwtPublicKeyPem = o.JwtPublicKeyPem,
        DefaultBatchSize = o.DefaultBatchSize,
        DailyApiLimit = o.DailyApiLimit,
        QueryLocatorLifetime = o.QueryLocatorLifetime,
        PubSubPort = o.PubSubPort,
        EventRetention = o.EventRetention,
        KeepAliveInterval = o.KeepAliveInterval,
        IdleTimeout = o.IdleTimeout,
    };
}
