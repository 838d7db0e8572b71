using CrmSignalWorker.IntegrationTests.Infrastructure;

namespace CrmSignalWorker.IntegrationTests.Cli;

/// <summary>`crmsignal silence` and `crmsignal alerts` as the on-call person uses them.</summary>
public sealed class SilenceCommandTests : IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    private Dictionary<string, string?> Environment() => new()
    {
        ["Postgres__ConnectionString"] = _database.ConnectionString,
        ["Redis__Configuration"] = TestEnvironment.RedisConfiguration,
    };

    [Fact]
    public async Task SilenceAdd_ThenList_ShowsItWithItsAuthorAndReason_AndAuditsIt()
    {
        var add = await CliProcess.RunAsync(Environment(), "silence", "add", "--automation", "MarketoSync", "--hours", "24", "--reason", "vendor fix due Tuesday", "--by", "ana.ops");
        var list = await CliProcess.RunAsync(Environment(), "silence", "list");
        var alerts = await CliProcess.RunAsync(Environment(), "alerts", "list");

        Assert.Equal(0, add.ExitCode);
        Assert.StartsWith("sil-", add.Stdout, StringComparison.Ordinal);
        Assert.Contains("signal=* segment=* automation=MarketoSync\tby ana.ops", list.Stdout, StringComparison.Ordinal);
        Assert.Contains("vendor fix due Tuesday", list.Stdout, StringComparison.Ordinal);
        Assert.Contains("no open alerts", alerts.Stdout, StringComparison.Ordinal);
        Assert.Equal(1, await _database.CountAsync("audit_log", "kind = 'silence.added'"));
    }

    [Theory]
    [InlineData(new[] { "silence", "add", "--hours", "24", "--reason", "x", "--by", "ana" }, "at least one of --signal, --segment or --automation")]
    [InlineData(new[] { "silence", "add", "--signal", "s", "--hours", "0", "--reason", "x", "--by", "ana" }, "--hours must be a whole number from 1 to 720")]
    [InlineData(new[] { "silence", "add", "--signal", "s", "--hours", "2", "--by", "ana" }, "--reason is required")]
    [InlineData(new[] { "alerts", "ack", "nope|EMEA|*", "--by", "ana" }, "no firing alert has the key 'nope|EMEA|*'")]
    public async Task BadInvocation_ExitsTwoNamingTheProblem(string[] args, string expected)
    {
        var result = await CliProcess.RunAsync(Environment(), args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Stderr, StringComparison.Ordinal);
    }
}
