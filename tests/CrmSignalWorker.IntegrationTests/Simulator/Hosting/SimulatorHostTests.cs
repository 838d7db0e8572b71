using System.Net;
using System.Text.Json;
using CrmSignalWorker.Simulator.Hosting;

namespace CrmSignalWorker.IntegrationTests.Simulator.Hosting;

public sealed class SimulatorHostTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "crmsignal-host-" + Path.GetRandomFileName());

    [Fact]
    public async Task RunAsync_WithSinkAndGroundTruth_AnnouncesListenersServesAndStopsOnCancel()
    {
        var output = new StringWriter();
        var synchronizedOutput = TextWriter.Synchronized(output);
        using var stop = new CancellationTokenSource();
        var groundTruth = Path.Combine(_directory, "truth.json");
        var run = SimulatorHost.RunAsync(
            ["--seed", "5", "--opportunities", "60", "--leads", "10", "--end-date", "2026-11-23",
             "--webhook-dir", Path.Combine(_directory, "slack"), "--ground-truth", groundTruth],
            synchronizedOutput,
            TextWriter.Null,
            stop.Token);

        var lines = await WaitForLinesAsync(output, synchronizedOutput, 2, run);
        Assert.Matches(@"^salesforce-org listening on http://127\.0\.0\.1:\d+$", lines[0]);
        Assert.Matches(@"^slack-webhook listening on http://127\.0\.0\.1:\d+$", lines[1]);

        using var http = new HttpClient { BaseAddress = new Uri(lines[0]["salesforce-org listening on ".Length..]) };
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = "sim-client-id",
            ["client_secret"] = "sim-client-secret",
        });
        using var token = await http.PostAsync("/services/oauth2/token", form);
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);

        using var truth = JsonDocument.Parse(await File.ReadAllTextAsync(groundTruth));
        var expected = CrmSignalWorker.Simulator.Scenario.Generate(
            new CrmSignalWorker.Simulator.SimulatedOrgOptions { Seed = 5, Opportunities = 60, Leads = 10 }, new DateOnly(2026, 11, 23));
        Assert.Equal(expected.JumpingActorId, truth.RootElement.GetProperty("jumpingActorId").GetString());
        Assert.Equal(
            expected.StageJumpOpportunityIds.Order(StringComparer.Ordinal),
            truth.RootElement.GetProperty("stageJumpOpportunityIds").EnumerateArray().Select(e => e.GetString()));

        await stop.CancelAsync();
        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task RunAsync_UnknownOption_Returns2WithUsage()
    {
        var error = new StringWriter();

        var exitCode = await SimulatorHost.RunAsync(["--bogus", "1"], TextWriter.Null, error, CancellationToken.None);

        Assert.Equal(2, exitCode);
        Assert.Contains("unknown option --bogus", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("usage: crmsignal-simulator", error.ToString(), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static async Task<string[]> WaitForLinesAsync(StringWriter output, TextWriter writerLock, int count, Task run)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (run.IsCompleted)
            {
                await run;
                Assert.Fail("simulator exited before announcing its listeners");
            }

            // TextWriter.Synchronized locks on the wrapper, so reading under that lock never sees a half-written line.
            string text;
            lock (writerLock)
            {
                text = output.ToString();
            }

            var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (lines.Length >= count && text.EndsWith('\n'))
            {
                return lines;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("simulator did not announce its listeners");
    }
}
