using System.Net;
using CrmSignalWorker.Salesforce;
using CrmSignalWorker.Salesforce.Auth;
using CrmSignalWorker.Salesforce.Rest;
using Grpc.Core;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Polly;
using Polly.CircuitBreaker;

namespace CrmSignalWorker.UnitTests.Salesforce;

/// <summary>Which failures each endpoint kind retries, counts against its circuit, or gives up on at once.</summary>
public sealed class SalesforceResilienceTests : IDisposable
{
    private readonly FakeTimeProvider _time = new();
    private readonly TelemetryProbe _probe = new();

    public void Dispose() => _probe.Dispose();

    private ResiliencePipeline CreateSut(SalesforceEndpoint endpoint = SalesforceEndpoint.Query, int maxRetries = 3, TimeSpan? retryBaseDelay = null, int minimumThroughput = 6)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = _time };
        SalesforceResilience.Configure(
            builder,
            endpoint,
            new SalesforceOptions
            {
                MaxRetries = maxRetries,
                // Zero unless a test is about the delay: Polly then retries without waiting on the fake clock.
                RetryBaseDelay = retryBaseDelay ?? TimeSpan.Zero,
                RequestTimeout = TimeSpan.FromSeconds(30),
                CircuitMinimumThroughput = minimumThroughput,
                CircuitFailureRatio = 0.5,
                CircuitSamplingDuration = TimeSpan.FromMinutes(10),
                CircuitBreakDuration = TimeSpan.FromMinutes(2),
            },
            _probe.Telemetry,
            NullLogger.Instance);
        return builder.Build();
    }

    private static async Task<int> AttemptsUntilDoneAsync(ResiliencePipeline pipeline, Func<int, Exception?> failureOfAttempt)
    {
        var attempts = 0;
        try
        {
            await pipeline.ExecuteAsync(_ =>
            {
                attempts++;
                return failureOfAttempt(attempts) is { } failure ? throw failure : ValueTask.CompletedTask;
            });
        }
        catch (Exception ex) when (ex is SalesforceApiException or SalesforceAuthException or RpcException or BrokenCircuitException)
        {
            // The attempt count is the assertion; whether the last one failed is up to the scenario.
        }

        return attempts;
    }

    [Fact]
    public async Task ExecuteAsync_TransientFailure_WaitsOnTheClockBeforeRetrying()
    {
        var attempts = 0;
        var run = CreateSut(retryBaseDelay: TimeSpan.FromSeconds(2)).ExecuteAsync(_ =>
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
    [InlineData(HttpStatusCode.ServiceUnavailable, "SERVER_UNAVAILABLE")]
    [InlineData(HttpStatusCode.InternalServerError, "UNKNOWN_EXCEPTION")]
    [InlineData(HttpStatusCode.BadRequest, "QUERY_TIMEOUT")]
    [InlineData(HttpStatusCode.BadRequest, "UNABLE_TO_LOCK_ROW")]
    public async Task Query_TransientFailure_IsRetriedAndCountedByCause(HttpStatusCode status, string code)
    {
        var attempts = await AttemptsUntilDoneAsync(CreateSut(), n => n <= 2 ? new SalesforceApiException(status, code, "busy") : null);

        Assert.Equal(3, attempts);
        Assert.Equal(2, _probe.Sum("crmsignal.salesforce.retries", "pipeline=salesforce-query", "cause=" + code));
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, "MALFORMED_QUERY")]
    [InlineData(HttpStatusCode.BadRequest, "INVALID_FIELD")]
    [InlineData(HttpStatusCode.Forbidden, "REQUEST_LIMIT_EXCEEDED")]
    [InlineData(HttpStatusCode.Unauthorized, "INVALID_SESSION_ID")]
    public async Task Query_PermanentFailure_IsNotRetried(HttpStatusCode status, string code)
    {
        var attempts = await AttemptsUntilDoneAsync(CreateSut(), _ => new SalesforceApiException(status, code, "no"));

        Assert.Equal(1, attempts);
        Assert.Equal(0, _probe.Sum("crmsignal.salesforce.retries"));
    }

    [Fact]
    public async Task Token_RefusedCredentials_AreNotRetried_ButAnUnavailableTokenEndpointIs()
    {
        var refused = await AttemptsUntilDoneAsync(
            CreateSut(SalesforceEndpoint.Token, maxRetries: 2), _ => new SalesforceAuthException("invalid_client", isTransient: false));
        var unavailable = await AttemptsUntilDoneAsync(
            CreateSut(SalesforceEndpoint.Token, maxRetries: 2), _ => new SalesforceAuthException("503", isTransient: true));

        Assert.Equal(1, refused);
        Assert.Equal(3, unavailable);
        Assert.Equal(2, _probe.Sum("crmsignal.salesforce.retries", "pipeline=salesforce-token", "cause=TOKEN_ENDPOINT_UNAVAILABLE"));
    }

    [Theory]
    [InlineData(StatusCode.Unavailable, 3)]
    [InlineData(StatusCode.DeadlineExceeded, 3)]
    [InlineData(StatusCode.Unauthenticated, 1)]
    [InlineData(StatusCode.InvalidArgument, 1)]
    [InlineData(StatusCode.NotFound, 1)]
    public async Task PubSubUnary_RetriesOnlyUnavailableAndDeadlineExceeded(StatusCode status, int expectedAttempts)
    {
        var attempts = await AttemptsUntilDoneAsync(
            CreateSut(SalesforceEndpoint.PubSubUnary, maxRetries: 2), _ => new RpcException(new Status(status, "failed")));

        Assert.Equal(expectedAttempts, attempts);
    }

    [Fact]
    public async Task Query_MaxRetriesZero_TriesOnce()
    {
        var attempts = await AttemptsUntilDoneAsync(
            CreateSut(maxRetries: 0), _ => new SalesforceApiException(HttpStatusCode.ServiceUnavailable, "SERVER_UNAVAILABLE", "down"));

        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task CircuitBreaker_AfterRepeatedTransientFailures_RejectsWithoutCallingThenHalfOpensAfterTheBreak()
    {
        var sut = CreateSut(maxRetries: 3, minimumThroughput: 4);
        var down = await AttemptsUntilDoneAsync(sut, _ => new SalesforceApiException(HttpStatusCode.ServiceUnavailable, "SERVER_UNAVAILABLE", "down"));

        var calledWhileOpen = false;
        await Assert.ThrowsAsync<BrokenCircuitException>(() => sut.ExecuteAsync(_ =>
        {
            calledWhileOpen = true;
            return ValueTask.CompletedTask;
        }).AsTask());
        _time.Advance(TimeSpan.FromMinutes(2));
        var trial = await AttemptsUntilDoneAsync(sut, _ => null);

        Assert.Equal(4, down);
        Assert.False(calledWhileOpen);
        Assert.Equal(1, trial);
        Assert.Equal(1, _probe.Sum("crmsignal.salesforce.circuit.transitions", "pipeline=salesforce-query", "state=open"));
        Assert.Equal(1, _probe.Sum("crmsignal.salesforce.circuit.transitions", "pipeline=salesforce-query", "state=half_open"));
        Assert.Equal(1, _probe.Sum("crmsignal.salesforce.circuit.transitions", "pipeline=salesforce-query", "state=closed"));
    }

    [Fact]
    public async Task CircuitBreaker_PermanentFailures_DoNotOpenIt()
    {
        var sut = CreateSut(minimumThroughput: 2);
        for (var i = 0; i < 5; i++)
        {
            await AttemptsUntilDoneAsync(sut, _ => new SalesforceApiException(HttpStatusCode.BadRequest, "MALFORMED_QUERY", "unexpected token"));
        }

        Assert.Equal(1, await AttemptsUntilDoneAsync(sut, _ => null));
        Assert.Equal(0, _probe.Sum("crmsignal.salesforce.circuit.transitions"));
    }

    [Fact]
    public async Task CircuitBreaker_IsPerPipeline_SoAFailingTokenEndpointLeavesQueriesFlowing()
    {
        var token = CreateSut(SalesforceEndpoint.Token, minimumThroughput: 2);
        var query = CreateSut(SalesforceEndpoint.Query, minimumThroughput: 2);
        await AttemptsUntilDoneAsync(token, _ => new SalesforceAuthException("503", isTransient: true));

        await Assert.ThrowsAsync<BrokenCircuitException>(() => token.ExecuteAsync(_ => ValueTask.CompletedTask).AsTask());
        Assert.Equal(1, await AttemptsUntilDoneAsync(query, _ => null));
    }

    [Theory]
    [InlineData(SalesforceEndpoint.Token, "salesforce-token")]
    [InlineData(SalesforceEndpoint.Query, "salesforce-query")]
    [InlineData(SalesforceEndpoint.PubSubUnary, "salesforce-pubsub-unary")]
    public void PipelineName_NamesEachEndpointKind(SalesforceEndpoint endpoint, string expected) =>
        Assert.Equal(expected, SalesforceResilience.PipelineName(endpoint));
}
