using CrmSignalWorker.Simulator.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace CrmSignalWorker.Simulator.Slack;

/// <summary>A stand-in for Slack incoming webhooks on loopback: each POST to <c>/hooks/{name}</c> becomes a numbered JSON file.</summary>
public sealed class WebhookSink : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly WebhookStore _store;

    private WebhookSink(WebApplication app, WebhookStore store, Uri baseUrl)
    {
        _app = app;
        _store = store;
        BaseUrl = baseUrl;
    }

    /// <summary>Post to <c>{BaseUrl}hooks/{name}</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>Absolute path of the directory messages are written to.</summary>
    public string Directory => _store.DirectoryPath;

    /// <summary>Messages accepted since this sink started.</summary>
    public int ReceivedCount => _store.Count;

    public static async Task<WebhookSink> StartAsync(string directory, int port = 0, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        var store = new WebhookStore(directory);
        var builder = LoopbackHost.CreateBuilder(port);
        builder.Services.AddRoutingCore();
        var app = builder.Build();
        app.MapPost("/hooks/{**name}", new WebhookEndpoint(store).HandleAsync);
        try
        {
            await app.StartAsync(ct);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return new WebhookSink(app, store, LoopbackHost.BoundAddress(app));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
