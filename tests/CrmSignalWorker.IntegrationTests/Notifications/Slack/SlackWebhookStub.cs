using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrmSignalWorker.IntegrationTests.Notifications.Slack;

/// <summary>
/// A real Kestrel server on a loopback port standing in for hooks.slack.com: it records each post
/// and answers the way the current test tells it to.
/// </summary>
internal sealed class SlackWebhookStub : IAsyncDisposable
{
    /// <summary>Shaped like a real webhook; the last segment is the credential that must never leak.</summary>
    public const string WebhookPath = "/services/T0CRMSIG1/B0CRMSIG2/Zq7vS3cr3tT0k3nXw9";
    public const string Token = "Zq7vS3cr3tT0k3nXw9";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedPost> _posts = new();

    private SlackWebhookStub(WebApplication app, string baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public string BaseAddress { get; }

    public string WebhookUrl => BaseAddress + WebhookPath;

    public IReadOnlyCollection<ReceivedPost> Posts => _posts;

    /// <summary>How the stub answers; Slack's success reply by default.</summary>
    public Func<HttpContext, Task> Respond { get; set; } = Reply(StatusCodes.Status200OK, "ok");

    public static Func<HttpContext, Task> Reply(int status, string body) => context =>
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain";
        return context.Response.WriteAsync(body, context.RequestAborted);
    };

    public static async Task<SlackWebhookStub> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Urls.Add("http://127.0.0.1:0");

        SlackWebhookStub? stub = null;
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            stub!._posts.Enqueue(new ReceivedPost(context.Request.Method, context.Request.Path, context.Request.ContentType, body));
            await stub.Respond(context);
        });

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.Single()
            ?? throw new InvalidOperationException("Kestrel did not report the address it bound.");
        stub = new SlackWebhookStub(app, address);
        return stub;
    }

    public Task StopAsync() => _app.StopAsync();

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    public sealed record ReceivedPost(string Method, string Path, string? ContentType, string Body);
}
