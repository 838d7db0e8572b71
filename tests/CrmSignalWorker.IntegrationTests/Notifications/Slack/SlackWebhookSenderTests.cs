using System.Globalization;
using CrmSignalWorker.Notifications;
using CrmSignalWorker.Notifications.Slack;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace CrmSignalWorker.IntegrationTests.Notifications.Slack;

public sealed class SlackWebhookSenderTests : IAsyncLifetime, IDisposable
{
    private const string IdempotencyKey = "sales-emea:2025-03-04:slack";

    private readonly HttpClient _httpClient = new() { Timeout = Timeout.InfiniteTimeSpan };
    private readonly CapturingLogger<SlackWebhookSender> _logger = new();
    private SlackWebhookStub _stub = null!;

    public async Task InitializeAsync() => _stub = await SlackWebhookStub.StartAsync();

    public async Task DisposeAsync() => await _stub.DisposeAsync();

    public void Dispose() => _httpClient.Dispose();

    [Fact]
    public async Task SendAsync_Slack200_PostsTheExactBodyAsJson()
    {
        var message = new SlackWebhookMessage("""{"text":"ünïcode & <b>","blocks":[]}""");

        await CreateSut().SendAsync(_stub.WebhookUrl, message, IdempotencyKey, CancellationToken.None);

        var post = Assert.Single(_stub.Posts);
        Assert.Equal("POST", post.Method);
        Assert.Equal(SlackWebhookStub.WebhookPath, post.Path);
        Assert.Equal("application/json; charset=utf-8", post.ContentType);
        Assert.Equal(message.Body, post.Body);
        Assert.DoesNotContain(SlackWebhookStub.Token, _logger.AllText, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1", _logger.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_Slack429WithRetryAfterSeconds_ThrowsTransientWithThatDelay()
    {
        _stub.Respond = context =>
        {
            context.Response.Headers.RetryAfter = "7";
            return SlackWebhookStub.Reply(StatusCodes.Status429TooManyRequests, "rate_limited")(context);
        };

        var ex = await SendExpectingFailureAsync();

        Assert.True(ex.IsTransient);
        Assert.Equal(TimeSpan.FromSeconds(7), ex.RetryAfter);
    }

    [Fact]
    public async Task SendAsync_Slack429WithRetryAfterDate_MeasuresDelayFromServerDate()
    {
        var serverNow = new DateTimeOffset(2025, 3, 5, 6, 0, 0, TimeSpan.Zero);
        _stub.Respond = context =>
        {
            context.Response.Headers.Date = HeaderUtilities.FormatDate(serverNow);
            context.Response.Headers.RetryAfter = HeaderUtilities.FormatDate(serverNow.AddSeconds(30));
            return SlackWebhookStub.Reply(StatusCodes.Status429TooManyRequests, "rate_limited")(context);
        };

        var ex = await SendExpectingFailureAsync();

        Assert.True(ex.IsTransient);
        Assert.Equal(TimeSpan.FromSeconds(30), ex.RetryAfter);
    }

    [Theory]
    [InlineData(StatusCodes.Status500InternalServerError)]
    [InlineData(StatusCodes.Status502BadGateway)]
    [InlineData(StatusCodes.Status503ServiceUnavailable)]
    public async Task SendAsync_Slack5xx_ThrowsTransient(int status)
    {
        _stub.Respond = SlackWebhookStub.Reply(status, "internal_error");

        var ex = await SendExpectingFailureAsync();

        Assert.True(ex.IsTransient);
        Assert.Contains(status.ToString(CultureInfo.InvariantCulture), ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(StatusCodes.Status404NotFound, "no_service")]
    [InlineData(StatusCodes.Status400BadRequest, "invalid_payload")]
    [InlineData(StatusCodes.Status403Forbidden, "action_prohibited")]
    [InlineData(StatusCodes.Status410Gone, "channel_is_archived")]
    public async Task SendAsync_Slack4xx_ThrowsPermanentNamingStatusAndErrorButNotTheWebhook(int status, string slackError)
    {
        _stub.Respond = SlackWebhookStub.Reply(status, slackError);

        var ex = await SendExpectingFailureAsync();

        Assert.False(ex.IsTransient);
        Assert.Contains(status.ToString(CultureInfo.InvariantCulture), ex.Message, StringComparison.Ordinal);
        Assert.Contains(slackError, ex.Message, StringComparison.Ordinal);
        AssertWebhookNotIn(ex.ToString());
        AssertWebhookNotIn(_logger.AllText);
    }

    [Fact]
    public async Task SendAsync_ErrorPageEchoingThePath_RedactsTheWebhookFromTheMessage()
    {
        // Proxies and web frameworks commonly answer "Cannot POST <path>", which would leak the credential.
        _stub.Respond = context => SlackWebhookStub.Reply(StatusCodes.Status404NotFound, $"Cannot POST {context.Request.Path}\n{_stub.WebhookUrl}")(context);

        var ex = await SendExpectingFailureAsync();

        Assert.False(ex.IsTransient);
        Assert.Contains("Cannot POST", ex.Message, StringComparison.Ordinal);
        AssertWebhookNotIn(ex.ToString());
        AssertWebhookNotIn(_logger.AllText);
    }

    [Fact]
    public async Task SendAsync_SlackSlowerThanTimeout_ThrowsTransient()
    {
        _stub.Respond = async context =>
        {
            await Task.Delay(TimeSpan.FromSeconds(10), context.RequestAborted);
            await SlackWebhookStub.Reply(StatusCodes.Status200OK, "ok")(context);
        };

        var ex = await SendExpectingFailureAsync(new SlackOptions { Timeout = TimeSpan.FromMilliseconds(300) });

        Assert.True(ex.IsTransient);
        AssertWebhookNotIn(ex.ToString());
    }

    [Fact]
    public async Task SendAsync_ConnectionRefused_ThrowsTransient()
    {
        await _stub.StopAsync();

        var ex = await SendExpectingFailureAsync();

        Assert.True(ex.IsTransient);
        AssertWebhookNotIn(ex.ToString());
        AssertWebhookNotIn(_logger.AllText);
    }

    [Fact]
    public async Task SendAsync_CallerCancels_ThrowsOperationCanceledRatherThanDeliveryFailure()
    {
        _stub.Respond = async context =>
        {
            await Task.Delay(TimeSpan.FromSeconds(10), context.RequestAborted);
            await SlackWebhookStub.Reply(StatusCodes.Status200OK, "ok")(context);
        };
        using var shutdown = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => CreateSut().SendAsync(_stub.WebhookUrl, new SlackWebhookMessage("{}"), IdempotencyKey, shutdown.Token));
    }

    private static void AssertWebhookNotIn(string text)
    {
        Assert.DoesNotContain(SlackWebhookStub.Token, text, StringComparison.Ordinal);
        Assert.DoesNotContain(SlackWebhookStub.WebhookPath, text, StringComparison.Ordinal);
    }

    private async Task<DeliveryException> SendExpectingFailureAsync(SlackOptions? options = null) =>
        await Assert.ThrowsAsync<DeliveryException>(
            () => CreateSut(options).SendAsync(_stub.WebhookUrl, new SlackWebhookMessage("{}"), IdempotencyKey, CancellationToken.None));

    private SlackWebhookSender CreateSut(SlackOptions? options = null) =>
        new(_httpClient, Options.Create(options ?? new SlackOptions()), _logger);
}
