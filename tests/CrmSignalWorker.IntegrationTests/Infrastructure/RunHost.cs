using System.Net;
using System.Text.Json;
using CrmSignalWorker.Cli;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace CrmSignalWorker.IntegrationTests.Infrastructure;

/// <summary>One check of a /readyz body.</summary>
public sealed record ReadinessCheck(string Name, bool Passed, string Text);

/// <summary>
/// `crmsignal run` in this process: the same host the command builds (every loop, Kestrel, probes, exporter), on the
/// real clock, listening on a free port and asked over real loopback HTTP.
/// </summary>
public sealed class RunHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RunHost(WebApplication app, HttpClient http)
    {
        _app = app;
        Http = http;
    }

    public HttpClient Http { get; }

    public IServiceProvider Services => _app.Services;

    /// <param name="logs">Receives every log line at every level; the console keeps its own (warning) level.</param>
    public static async Task<RunHost> StartAsync(IDictionary<string, string?> settings, LogCapture? logs = null)
    {
        var builder = WorkerCli.CreateRunBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Http:Port"] = "0",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.Configuration.AddInMemoryCollection(settings);
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
            builder.Logging.AddFilter<LogCapture>(null, LogLevel.Trace);
        }

        var app = WorkerCli.BuildRunHost(builder);
        await app.StartAsync();
        // Kestrel listens on every interface; the tests only ever talk to loopback.
        var port = new Uri(app.Urls.First()).Port;
        return new RunHost(app, new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) });
    }

    public async Task<(HttpStatusCode Status, string Body)> GetAsync(string path)
    {
        using var response = await Http.GetAsync(new Uri(path, UriKind.Relative));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public async Task<(HttpStatusCode Status, string Body, IReadOnlyDictionary<string, ReadinessCheck> Checks)> ReadinessAsync()
    {
        var (status, body) = await GetAsync("/readyz");
        using var json = JsonDocument.Parse(body);
        var checks = json.RootElement.GetProperty("checks").EnumerateArray()
            .Select(c => new ReadinessCheck(
                c.GetProperty("name").GetString()!,
                c.GetProperty("status").GetString() == "pass",
                (c.TryGetProperty("reason", out var reason) ? reason : c.GetProperty("detail")).GetString()!))
            .ToDictionary(c => c.Name, StringComparer.Ordinal);
        return (status, body, checks);
    }

    /// <summary>
    /// Asks /readyz until <paramref name="until"/> holds; probes follow state that other loops change on their own
    /// schedule. Bounded, and the failure shows the last answer; how long it took is never asserted.
    /// </summary>
    public async Task<(HttpStatusCode Status, string Body, IReadOnlyDictionary<string, ReadinessCheck> Checks)> WaitForReadinessAsync(
        Func<HttpStatusCode, IReadOnlyDictionary<string, ReadinessCheck>, bool> until)
    {
        var last = await ReadinessAsync();
        for (var i = 0; i < 300 && !until(last.Status, last.Checks); i++)
        {
            await Task.Delay(100);
            last = await ReadinessAsync();
        }

        Assert.True(until(last.Status, last.Checks), $"/readyz never reached the expected state; last answer {(int)last.Status}: {last.Body}");
        return last;
    }

    /// <summary>Scrapes /metrics until <paramref name="until"/> holds for the text; bounded like <see cref="WaitForReadinessAsync"/>.</summary>
    public async Task<string> WaitForMetricsAsync(Func<string, bool> until)
    {
        var (_, text) = await GetAsync("/metrics");
        for (var i = 0; i < 300 && !until(text); i++)
        {
            await Task.Delay(100);
            (_, text) = await GetAsync("/metrics");
        }

        Assert.True(until(text), "/metrics never showed the expected series; last scrape:\n" + text);
        return text;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
