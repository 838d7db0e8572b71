using System.Text.Json;
using CrmSignalWorker.IntegrationTests.Infrastructure;

namespace CrmSignalWorker.IntegrationTests.Cli;

/// <summary>`crmsignal lineage` run as an operator runs it: a separate process over a real database.</summary>
public sealed class LineageCommandTests : IAsyncLifetime
{
    private const string Team = "<script>alert('team')</script>";
    private const string Client = "Sync & \"Sons\"";
    private static readonly DateTimeOffset At = new(2026, 2, 10, 9, 30, 0, TimeSpan.Zero);
    private static readonly string[] Range = ["--from", "2026-02-01", "--to", "2026-03-01"];
    private readonly PostgresDatabase _database = new();
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "crmsignal-lineage-" + Guid.NewGuid().ToString("N"));

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        Directory.CreateDirectory(_directory);
        var writes = new StoredWrites(_database);
        for (var i = 0; i < 3; i++)
        {
            await writes.AddFieldChangeAsync("Opportunity", "StageName", At, "human", Team, "ui");
        }

        await writes.AddFieldChangeAsync("Opportunity", "StageName", At, "integration", "Integration", "api", clientName: Client);
        await writes.AddFieldChangeAsync("Opportunity", "OwnerId", At, "automation", "Automation", "automation", correlationId: "tx-9");
        await writes.AddWorkflowEventAsync("Opportunity_Handoff_Flow", At, "tx-9");
        await writes.AddFieldChangeAsync("Lead", "Status", At, "unknown", null, "unknown", source: "history");
        // Outside the range: counted by neither table nor JSON.
        await writes.AddFieldChangeAsync("Lead", "Status", At.AddMonths(1), "human", "SDR", "ui");
    }

    public async Task DisposeAsync()
    {
        Directory.Delete(_directory, recursive: true);
        await _database.DisposeAsync();
    }

    private Dictionary<string, string?> Environment() => new()
    {
        ["Postgres__ConnectionString"] = _database.ConnectionString,
        ["Redis__Configuration"] = TestEnvironment.RedisConfiguration,
    };

    [Fact]
    public async Task Lineage_PrintsAnAlignedTable_WithCoverageAtTheBottom()
    {
        var result = await CliProcess.RunAsync(Environment(), ["lineage", .. Range]);

        Assert.Equal(0, result.ExitCode);
        var lines = result.Stdout.Split('\n');
        Assert.Contains("2026-02-01T00:00:00Z to 2026-03-01T00:00:00Z", lines[0], StringComparison.Ordinal);
        Assert.Contains("6 writes to 3 fields", result.Stdout, StringComparison.Ordinal);
        var header = Array.FindIndex(lines, l => l.StartsWith("OBJECT", StringComparison.Ordinal));
        var rows = lines.Skip(header + 1).TakeWhile(l => l.Length > 0).ToList();
        Assert.Equal(4, rows.Count);
        Assert.All(rows, r => Assert.Equal(lines[header].Length, r.Length));
        Assert.Contains(rows, r => r.Contains("Opportunity_Handoff_Flow", StringComparison.Ordinal));
        Assert.Matches(@"Opportunity\s+StageName\s+human\s+<script>alert\('team'\)</script>\s+unknown\s+unknown\s+ui\s+3\s+75\.0 %", result.Stdout);
        Assert.Matches(@"Lead\s+Status\s+unknown\s+unknown\s+unknown\s+unknown\s+unknown\s+1\s+100\.0 %", result.Stdout);
        var coverage = result.Stdout[result.Stdout.IndexOf("ATTRIBUTION COVERAGE", StringComparison.Ordinal)..];
        Assert.Matches(@"Lead\s+history\s+1\s+0\s+0\.0 %\s+BELOW TARGET", coverage);
        Assert.Matches(@"Opportunity\s+all\s+5\s+5\s+100\.0 %\s+meets target", coverage);
    }

    [Fact]
    public async Task LineageJson_ParsesAndCarriesTheCountsSharesAndCoverage()
    {
        var result = await CliProcess.RunAsync(Environment(), ["lineage", .. Range, "--json"]);

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        var root = json.RootElement;
        Assert.Equal(6, root.GetProperty("writes").GetInt64());
        Assert.Equal(1, root.GetProperty("unknownActorWrites").GetInt64());
        var stage = root.GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("field").GetString() == "StageName");
        Assert.Equal(4, stage.GetProperty("writes").GetInt64());
        var integration = stage.GetProperty("writers").EnumerateArray().Single(w => w.GetProperty("actorKind").GetString() == "integration");
        Assert.Equal((Client, "api", 1L, 0.25m), (integration.GetProperty("clientName").GetString(), integration.GetProperty("channel").GetString(),
            integration.GetProperty("writes").GetInt64(), integration.GetProperty("share").GetDecimal()));
        var owner = root.GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("field").GetString() == "OwnerId");
        Assert.Equal("Opportunity_Handoff_Flow", owner.GetProperty("writers")[0].GetProperty("automationId").GetString());
        var lead = root.GetProperty("coverage").GetProperty("byObject").EnumerateArray().Single(o => o.GetProperty("object").GetString() == "Lead");
        Assert.False(lead.GetProperty("meetsTarget").GetBoolean());
    }

    [Fact]
    public async Task LineageHtml_WritesOneSelfContainedPage_WithEveryValueEscaped()
    {
        var path = Path.Combine(_directory, "lineage.html");

        var result = await CliProcess.RunAsync(Environment(), ["lineage", .. Range, "--html", path]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("wrote " + path, result.Stderr, StringComparison.Ordinal);
        var html = await File.ReadAllTextAsync(path);
        Assert.Contains("&lt;script&gt;alert(&#39;team&#39;)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Sync &amp; &quot;Sons&quot;", html, StringComparison.Ordinal);
        Assert.DoesNotContain(" src=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Opportunity_Handoff_Flow", html, StringComparison.Ordinal);
        Assert.Contains("Attribution coverage", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--window,0d", "--window '0d'")]
    [InlineData("--from,2026-02-01", "--to is required")]
    [InlineData("--from,yesterday,--to,2026-03-01", "--from 'yesterday' is not a date")]
    [InlineData("--html,/no/such/dir/page.html", "--html '/no/such/dir/page.html': the directory")]
    public async Task Lineage_BadArgument_ExitsWith2AndNamesIt(string args, string expected)
    {
        var result = await CliProcess.RunAsync(Environment(), ["lineage", .. args.Split(',')]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lineage_BadLineageSetting_ExitsWith3AndNamesIt()
    {
        var environment = Environment();
        environment["Lineage__CoverageTarget"] = "80";

        var result = await CliProcess.RunAsync(environment, "lineage");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("Lineage:CoverageTarget", result.Stderr, StringComparison.Ordinal);
    }
}
