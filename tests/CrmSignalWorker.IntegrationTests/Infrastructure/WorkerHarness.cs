using CrmSignalWorker.Cli;
using CrmSignalWorker.Simulator;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace CrmSignalWorker.IntegrationTests.Infrastructure;

/// <summary>
/// The worker's real service graph, configured the way an operator would (configuration keys), pointed at
/// a test database, the simulated org and loopback receivers; the clock is a FakeTimeProvider.
/// </summary>
public sealed class WorkerHarness : IDisposable
{
    private readonly IHost _host;

    private WorkerHarness(IHost host, FakeTimeProvider time)
    {
        _host = host;
        Time = time;
    }

    public FakeTimeProvider Time { get; }

    public IServiceProvider Services => _host.Services;

    public T Get<T>()
        where T : notnull => _host.Services.GetRequiredService<T>();

    public static Dictionary<string, string?> BaseSettings(PostgresDatabase database, SimulatedOrg org, SimulatedOrgOptions orgOptions) => new()
    {
        ["Postgres:ConnectionString"] = database.ConnectionString,
        ["Redis:Configuration"] = TestEnvironment.RedisConfiguration,
        ["Redis:KeyPrefix"] = "crmsignal-test-" + Guid.NewGuid().ToString("N")[..8] + ":",
        ["Salesforce:LoginUrl"] = org.BaseUrl.ToString(),
        ["Salesforce:ClientId"] = orgOptions.ClientId,
        ["Salesforce:ClientSecret"] = orgOptions.ClientSecret,
        // Retry delays run on the injected (fake) clock, so the harness retries at once; backoff timing has its own unit test.
        ["Salesforce:RetryBaseDelay"] = "00:00:00",
        ["Salesforce:MaxRetries"] = "3",
        // The linger runs on the fake clock too, which moves only when a test moves it: commit whatever has arrived.
        // Tests of batching set their own linger and advance the clock.
        ["PubSub:CommitLinger"] = "00:00:00",
        ["Attribution:MarketField"] = "Market__c",
        ["Attribution:RecordMarketField"] = "Market__c",
        ["History:InitialBackfill"] = (orgOptions.Days + 5) + ".00:00:00",
        ["Digest:Slack"] = "false",
        // No SMTP server unless a test adds one; a closed loopback port makes any send fail fast.
        ["Smtp:Host"] = "127.0.0.1",
        ["Smtp:Port"] = "1",
        ["Smtp:Security"] = "None",
        ["Smtp:From"] = "crmsignal@example.test",
        ["Outbox:RetryBaseDelay"] = "00:01:00",
        ["Outbox:RetryMaxDelay"] = "00:10:00",
    };

    /// <param name="logs">Receives every log line at every level; the console keeps its own (warning) level.</param>
    public static WorkerHarness Create(IDictionary<string, string?> settings, DateTimeOffset? now = null, LogCapture? logs = null)
    {
        var builder = WorkerCli.CreateBuilder(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(settings);
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
            builder.Logging.AddFilter<LogCapture>(null, LogLevel.Trace);
        }

        var time = new FakeTimeProvider(now ?? TimeProvider.System.GetUtcNow());
        builder.Services.Replace(ServiceDescriptor.Singleton<TimeProvider>(time));
        return new WorkerHarness(builder.Build(), time);
    }

    public void Dispose() => _host.Dispose();
}
