using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrmSignalWorker.IntegrationTests.Infrastructure;

/// <summary>
/// A Slack-style incoming-webhook receiver on loopback: answers "ok" and records each body, or
/// answers a configured failure status for the next N requests to play an outage.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<string> _bodies = new();
    private int _failuresLeft;
    private int _failureStatus = StatusCodes.Status503ServiceUnavailable;

    private WebhookReceiver(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    public IReadOnlyCollection<string> Bodies => _bodies;

    public int FailedRequests { get; private set; }

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Urls.Add("http://127.0.0.1:0");
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hooks/{name}", receiver.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = new Uri(address + "/hooks/revops");
        return receiver;
    }

    /// <summary>The next <paramref name="count"/> posts fail with <paramref name="status"/>.</summary>
    public void FailNext(int count, int status = StatusCodes.Status503ServiceUnavailable)
    {
        _failureStatus = status;
        Interlocked.Exchange(ref _failuresLeft, count);
    }

    private async Task<IResult> HandleAsync(HttpRequest request)
    {
        if (Interlocked.Decrement(ref _failuresLeft) >= 0)
        {
            FailedRequests++;
            // Proxies often echo the path in their error page; the path of a webhook URL is its secret.
            return Results.Text($"Cannot POST {request.Path}", statusCode: _failureStatus);
        }

        Interlocked.Exchange(ref _failuresLeft, 0);
        using var reader = new StreamReader(request.Body);
        _bodies.Enqueue(await reader.ReadToEndAsync());
        return Results.Text("ok");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
