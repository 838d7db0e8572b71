using CrmSignalWorker.Extensions;
using CrmSignalWorker.Simulator;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CrmSignalWorker.Benchmarks.ChangeStream;

/// <summary>
/// The worker's real service graph, built as the worker builds it (appsettings.json, then <c>AddCrmSignalWorker</c>)
/// and configured through its settings keys to use the benchmark's database and the simulated org. The host is
/// started, which starts only what <c>AddCrmSignalWorker</c> registers to start (OpenTelemetry's providers and
/// options validation), so the code under test runs with the same telemetry listeners as in production. None of the
/// worker's loops run: the benchmark drives one <see cref="Sources.ChangeStreamIngestor"/> itself.
/// </summary>
internal sealed class WorkerGraph : IAsyncDisposable
{
    private readonly IHost _host;

    private WorkerGraph(IHost host) => _host = host;

    public T Get<T>()
        where T : notnull => _host.Services.GetRequiredService<T>();

    public static async Task<WorkerGraph> StartAsync(string connectionString, string redis, SimulatedOrg org, SimulatedOrgOptions orgOptions, CancellationToken ct)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Postgres:ConnectionString"] = connectionString,
            // Registered but never connected to: nothing on the change-stream path touches Redis.
            ["Redis:Configuration"] = redis,
            ["Salesforce:LoginUrl"] = org.BaseUrl.ToString(),
            ["Salesforce:ClientId"] = orgOptions.ClientId,
            ["Salesforce:ClientSecret"] = orgOptions.ClientSecret,
            ["PubSub:Endpoint"] = org.PubSubUrl.ToString(),
            ["PubSub:Topics:0"] = OpportunityUpdates.Topic,
            ["Attribution:MarketField"] = "Market__c",
            ["Attribution:RecordMarketField"] = "Market__c",
            ["History:InitialBackfill"] = (orgOptions.Days + 5) + ".00:00:00",
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = "1",
            ["Smtp:Security"] = "None",
            ["Smtp:From"] = "crmsignal@example.test",
            ["Digest:Slack"] = "false",
            // Above appsettings.json's Information; see below.
            ["Logging:LogLevel:Default"] = "Warning",
        });

        // Warnings only, on stderr with the progress lines. At the production default (Information) ChangeStore logs one
        // line per committed response; that console write is left out of the measurement (docs/benchmarks.md).
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddCrmSignalWorker();

        var host = builder.Build();
        try
        {
            await host.StartAsync(ct);
            return new WorkerGraph(host);
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(CancellationToken.None);
        _host.Dispose();
    }
}
