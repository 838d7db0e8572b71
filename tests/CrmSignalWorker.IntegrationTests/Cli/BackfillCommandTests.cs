using CrmSignalWorker.IntegrationTests.Infrastructure;
using CrmSignalWorker.Simulator;

namespace CrmSignalWorker.IntegrationTests.Cli;

/// <summary>`crmsignal backfill` as an operator runs it: a separate process against the simulated org over loopback.</summary>
public sealed class BackfillCommandTests : IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();
    private readonly SimulatedOrgOptions _orgOptions = new() { Seed = 5, Opportunities = 40, Leads = 20, Accounts = 0, DefaultBatchSize = 200 };
    private SimulatedOrg _org = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _org = await SimulatedOrg.StartAsync(_orgOptions);
    }

    public async Task DisposeAsync()
    {
        await _org.DisposeAsync();
        await _database.DisposeAsync();
    }

    /// <summary>The harness's settings as the environment variables an operator would set.</summary>
    private Dictionary<string, string?> Environment() =>
        WorkerHarness.BaseSettings(_database, _org, _orgOptions).ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value);

    private DateOnly From => _org.Scenario.FirstDay.AddDays(5);

    private DateOnly To => From.AddDays(7);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private bool InRange(DateTimeOffset at) => DateOnly.FromDateTime(at.UtcDateTime) >= From && DateOnly.FromDateTime(at.UtcDateTime) < To;

    [Fact]
    public async Task Backfill_Twice_StoresEachRowOnce_PrintsPerObjectCounts_AndWritesNoCheckpoint()
    {
        var first = await CliProcess.RunAsync(Environment(), "backfill", "--from", Day(From), "--to", Day(To), "--objects", "OpportunityFieldHistory,LeadHistory");
        var second = await CliProcess.RunAsync(Environment(), "backfill", "--from", Day(From), "--to", Day(To), "--objects", "OpportunityFieldHistory,LeadHistory");

        var opportunityRows = _org.Scenario.OpportunityFieldHistory.Count(r => InRange(r.CreatedDate));
        var leadRows = _org.Scenario.LeadHistory.Count(r => InRange(r.CreatedDate));
        Assert.True(opportunityRows > 0 && leadRows > 0);
        Assert.True(first.ExitCode == 0, first.Stderr);
        Assert.Contains($"OpportunityFieldHistory\t{opportunityRows} read\t{opportunityRows} new\t", first.Stdout, StringComparison.Ordinal);
        Assert.Contains($"LeadHistory\t{leadRows} read\t{leadRows} new\t", first.Stdout, StringComparison.Ordinal);
        Assert.True(second.ExitCode == 0, second.Stderr);
        Assert.Contains($"OpportunityFieldHistory\t{opportunityRows} read\t0 new\t0 new workflow events", second.Stdout, StringComparison.Ordinal);
        Assert.Contains($"LeadHistory\t{leadRows} read\t0 new\t0 new workflow events", second.Stdout, StringComparison.Ordinal);
        Assert.Contains("watermarks unchanged", second.Stdout, StringComparison.Ordinal);
        Assert.Equal(opportunityRows + leadRows, await _database.CountAsync("field_change"));
        Assert.Equal(0, await _database.CountAsync("checkpoint"));
    }

    [Theory]
    [InlineData("--to is required", "backfill", "--from", "2026-01-01")]
    [InlineData("--from '2026-13-01' is not a date", "backfill", "--from", "2026-13-01", "--to", "2026-02-01")]
    [InlineData("--to (2026-01-01) must be later than --from (2026-02-01)", "backfill", "--from", "2026-02-01", "--to", "2026-01-01")]
    [InlineData("unknown option --since", "backfill", "--since", "2026-01-01")]
    [InlineData("--objects: 'AccountHistory' is not a configured history object", "backfill", "--from", "{recent}", "--to", "{today}", "--objects", "LeadHistory,AccountHistory")]
    [InlineData("--from 2001-01-01 is before the retention cutoff", "backfill", "--from", "2001-01-01", "--to", "2001-02-01")]
    public async Task Backfill_WithABadOption_ExitsTwoNamingIt(string expected, params string[] args)
    {
        var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
        var resolved = args.Select(a => a.Replace("{recent}", Day(today.AddDays(-7)), StringComparison.Ordinal).Replace("{today}", Day(today), StringComparison.Ordinal)).ToArray();

        var result = await CliProcess.RunAsync(Environment(), resolved);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, await _database.CountAsync("field_change"));
    }
}
