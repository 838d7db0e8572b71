using CrmSignalWorker.IntegrationTests.Infrastructure;

namespace CrmSignalWorker.IntegrationTests.Cli;

/// <summary>`crmsignal quarantine list|redrive` as an operator runs them after fixing what made rows unreadable.</summary>
public sealed class QuarantineCommandTests : IAsyncLifetime
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
    public async Task ListThenRedrive_StoresTheReadableRow_AndLeavesTheBrokenOneListed()
    {
        // One row that reads fine now (it was quarantined by an older parser) and one that is still not JSON.
        await _database.ExecuteAsync(
            """
            INSERT INTO quarantine (source, source_key, reason, payload, received_at) VALUES
              ('history:OpportunityFieldHistory', '017000000000001AAA', 'unknown DataType',
               '{"Id":"017000000000001AAA","OpportunityId":"006000000000001AAA","Field":"StageName","DataType":"DynamicEnum","OldValue":"Qualification","NewValue":"Proposal","CreatedById":"005000000000001AAA","CreatedDate":"2026-11-20T14:03:07.000+0000"}',
               now()),
              ('history:OpportunityFieldHistory', '017000000000002AAA', 'truncated body', '{"Id":"0170000', now())
            """);

        var list = await CliProcess.RunAsync(Environment(), "quarantine", "list");
        var redrive = await CliProcess.RunAsync(Environment(), "quarantine", "redrive");
        var after = await CliProcess.RunAsync(Environment(), "quarantine", "list");
        var all = await CliProcess.RunAsync(Environment(), "quarantine", "list", "--all");

        Assert.Equal(0, list.ExitCode);
        Assert.Contains("017000000000001AAA", list.Stdout, StringComparison.Ordinal);
        Assert.Contains("017000000000002AAA", list.Stdout, StringComparison.Ordinal);
        // Exit 1: something is still quarantined, so a script notices.
        Assert.Equal(1, redrive.ExitCode);
        Assert.Contains("re-driven: 1, still failing: 1", redrive.Stdout, StringComparison.Ordinal);
        Assert.Equal(1, await _database.CountAsync("field_change", "record_id = '006000000000001AAA' AND old_value = 'Qualification' AND new_value = 'Proposal'"));
        Assert.DoesNotContain("017000000000001AAA", after.Stdout, StringComparison.Ordinal);
        Assert.Contains("017000000000002AAA", after.Stdout, StringComparison.Ordinal);
        Assert.Contains("re-driven", all.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Redrive_WithAnIdThatIsNotANumber_IsAUsageError()
    {
        var result = await CliProcess.RunAsync(Environment(), "quarantine", "redrive", "abc");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("'abc' is not a quarantine id", result.Stderr, StringComparison.Ordinal);
    }
}
