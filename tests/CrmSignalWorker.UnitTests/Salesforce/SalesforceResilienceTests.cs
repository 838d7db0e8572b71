using System.Net;
using CrmSignalWorker.Salesforce;
using CrmSignalWorker.Salesforce.Auth;
using CrmSignalWorker.Salesforce.Rest;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Polly;

namespace CrmSignalWorker.UnitTests.Salesforce;

public sealed class SalesforceResilienceTests
{
    private readonly FakeTimeProvider _time = new();

    private ResiliencePipeline CreateSut(int maxRetries = 3)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = _time };
        SalesforceResilience.Configure(
            builder,
            new SalesforceOptions { MaxRetries = maxRetries, RetryBaseDelay = TimeSpan.FromSeconds(2), RequestTimeout = TimeSpan.FromSeconds(30) },
            NullLogger.Instance);
        return builder.Build();
    }

    [Fact]
    public async Task ExecuteAsync_TransientFailure_WaitsOnTheClockBeforeRetrying()
    {
        var attempts = 0;
        var run = CreateSut().ExecuteAsync(_ =>
        {
            attempts++;
            return attempts == 1
                ? throw new SalesforceApiException(HttpStatusCode.ServiceUnavailable, "SERVER_UNAVAILABLE", "down")
                : ValueTask.FromResult(attempts);
        }).AsTask();

        await Task.Yield();
        Assert.Equal(1, attempts);
        Assert.False(run.IsCompleted);
        // Exponential backoff with jitter: the first retry comes within a few multiples of the 2 s base.
        _time.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(2, await run);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, "MALFORMED_QUERY")]
    [InlineData(HttpStatusCode.Forbidden, "REQUEST_LIMIT_EXCEEDED")]
    [InlineData(HttpStatusCode.Unauthorized, "INVALID_SESSION_ID")]
    public async Task ExecuteAsync_PermanentFailure_IsNotRetried(HttpStatusCode status, string code)
    {
        var attempts = 0;

        await Assert.ThrowsAsync<SalesforceApiException>(() => CreateSut().ExecuteAsync(_ =>
        {
            attempts++;
            throw new SalesforceApiException(status, code, "no");
        }).AsTask());

        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task ExecuteAsync_RefusedCredentials_AreNotRetried_ButAnUnavailableTokenEndpointIs()
    {
        var refused = 0;
        await Assert.ThrowsAsync<SalesforceAuthException>(() => CreateSut(maxRetries: 2).ExecuteAsync(_ =>
        {
            refused++;
            throw new SalesforceAuthException("invalid_client", isTransient: false);
        }).AsTask());

        var unavailable = 0;
        var run = CreateSut(maxRetries: 2).ExecuteAsync(_ =>
        {
            unavailable++;
            throw new SalesforceAuthException("503", isTransient: true);
        }).AsTask();
        for (var i = 0; i < 10 && !run.IsCompleted; i++)
        {
            _time.Advance(TimeSpan.FromMinutes(1));
            await Task.Delay(10);
        }

        await Assert.ThrowsAsync<SalesforceAuthException>(() => run);
        Assert.Equal(1, refused);
        Assert.Equal(3, unavailable);
    }
}
