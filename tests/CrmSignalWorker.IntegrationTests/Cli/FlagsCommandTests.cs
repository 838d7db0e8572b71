using CrmSignalWorker.IntegrationTests.Infrastructure;
using StackExchange.Redis;

namespace CrmSignalWorker.IntegrationTests.Cli;

/// <summary>The `crmsignal` executable as an operator runs it: a separate process, configured by environment variables.</summary>
public sealed class FlagsCommandTests : IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();
    private readonly string _prefix = "crmsignal-cli-" + Guid.NewGuid().ToString("N")[..8] + ":";

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    private static Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(IDictionary<string, string?> environment, params string[] args) =>
        CliProcess.RunAsync(environment, args);

    private Dictionary<string, string?> Environment() => new()
    {
        ["Postgres__ConnectionString"] = _database.ConnectionString,
        ["Redis__Configuration"] = TestEnvironment.RedisConfiguration,
        ["Redis__KeyPrefix"] = _prefix,
    };

    [Fact]
    public async Task Flags_PauseThenList_ReportsThePausedFlagAndMirrorsItToRedis()
    {
        var pause = await RunAsync(Environment(), "flags", "pause", "Lead_Routing_Flow", "--reason", "mass misrouting", "--by", "oncall.alex");
        var list = await RunAsync(Environment(), "flags", "list");

        Assert.Equal(0, pause.ExitCode);
        Assert.Contains("Lead_Routing_Flow\tPAUSED\tby oncall.alex", pause.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, list.ExitCode);
        Assert.Contains("Lead_Routing_Flow\tPAUSED", list.Stdout, StringComparison.Ordinal);
        Assert.Contains("mass misrouting", list.Stdout, StringComparison.Ordinal);
        await using var redis = await ConnectionMultiplexer.ConnectAsync(TestEnvironment.RedisConfiguration);
        Assert.Contains("\"paused\":true", (string?)await redis.GetDatabase().StringGetAsync(_prefix + "flag:Lead_Routing_Flow"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Flags_PauseWithoutAReason_ExitsWithUsageAndChangesNothing()
    {
        var result = await RunAsync(Environment(), "flags", "pause", "Lead_Routing_Flow", "--by", "oncall.alex");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--reason is required", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, await _database.CountAsync("stop_flag_change"));
    }

    [Fact]
    public async Task Once_WithoutSalesforceSettings_ExitsNamingEachMissingSetting()
    {
        var result = await RunAsync(Environment(), "once");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("Salesforce:LoginUrl is required", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("Salesforce:ClientSecret is required", result.Stderr, StringComparison.Ordinal);
        // No email recipient is configured, so SMTP is not needed (a Slack-only installation).
        Assert.DoesNotContain("Smtp:Host", result.Stderr, StringComparison.Ordinal);
    }
}
