using CrmSignalWorker.Salesforce.Auth;
using CrmSignalWorker.Salesforce.PubSub;
using CrmSignalWorker.Salesforce.PubSub.Protocol;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace CrmSignalWorker.UnitTests.Salesforce.PubSub;

public sealed class PubSubSubscriberTests
{
    private const string Topic = "/data/AccountChangeEvent";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 2, 14, 0, 0, TimeSpan.Zero));
    private readonly FakePubSubClient _client = new();
    private readonly ISalesforceTokenProvider _tokens = Substitute.For<ISalesforceTokenProvider>();
    private readonly PubSubOptions _options = new()
    {
        Endpoint = new Uri("https://api.pubsub.salesforce.com:7443"),
        BatchSize = 3,
        KeepAliveInterval = TimeSpan.FromSeconds(10),
        SilenceTolerance = 2,
        ReconnectBaseDelay = TimeSpan.FromSeconds(1),
        ReconnectMaxDelay = TimeSpan.FromSeconds(8),
        MaxReconnectAttempts = 3,
    };

    public PubSubSubscriberTests()
    {
        _tokens.GetTokenAsync(Arg.Any<CancellationToken>()).Returns(Token("00D000000000001!first"), Token("00D000000000001!second"), Token("00D000000000001!third"));
    }

    private static SalesforceToken Token(string value) =>
        new(value, new Uri("https://acme.my.salesforce.com"), "00D000000000001AAA", DateTimeOffset.UnixEpoch);

    private PubSubSubscriber CreateSut()
    {
        var options = Options.Create(_options);
        var credentials = new PubSubCallCredentials(_tokens);
        var schemas = new SchemaCache(_client, credentials, options, _time, NullLogger<SchemaCache>.Instance);
        return new PubSubSubscriber(_client, credentials, schemas, new ChangeEventDecoder(), options, _time, NullLogger<PubSubSubscriber>.Instance);
    }

    private static ConsumerEvent Event(ulong replayId)
    {
        var header = AccountChangeEventSchema.Header("UPDATE", changedFields: ["0x400000"]);
        var payload = AccountChangeEventSchema.Encode(AccountChangeEventSchema.Event(header, new Dictionary<string, object?> { ["LastModifiedDate"] = 1_793_628_309_000L }));
        return new ConsumerEvent
        {
            Event = new ProducerEvent { Id = $"event-{replayId}", SchemaId = "schema-1", Payload = ByteString.CopyFrom(payload) },
            ReplayId = ByteString.CopyFrom(ReplayId.FromUInt64(replayId)),
        };
    }

    private static FetchResponse Response(int pending, params ulong[] replayIds)
    {
        var response = new FetchResponse { RpcId = "rpc-1", PendingNumRequested = pending };
        response.Events.AddRange(replayIds.Select(Event));
        if (replayIds.Length > 0)
        {
            response.LatestReplayId = ByteString.CopyFrom(ReplayId.FromUInt64(replayIds[^1]));
        }

        return response;
    }

    private static FetchResponse KeepAlive(ulong latest, int pending) => new()
    {
        RpcId = "rpc-1",
        PendingNumRequested = pending,
        LatestReplayId = ByteString.CopyFrom(ReplayId.FromUInt64(latest)),
    };

    private static RpcException Failure(StatusCode status, string? errorCode = null)
    {
        var trailers = new Metadata();
        if (errorCode is not null)
        {
            trailers.Add(PubSubErrorCodes.TrailerKey, errorCode);
        }

        return new RpcException(new Status(status, "failed rpcId: 0f0f0f0f-0000-4000-8000-000000000001"), trailers);
    }

    /// <summary>Waits (in real time) until <paramref name="condition"/> holds, moving the fake clock by <paramref name="step"/> each round.</summary>
    private async Task EventuallyAsync(Func<bool> condition, TimeSpan? step = null)
    {
        for (var round = 0; !condition(); round++)
        {
            Assert.True(round < 2000, "The condition never held.");
            if (step is { } advance)
            {
                _time.Advance(advance);
            }

            await Task.Delay(5);
        }
    }

    [Fact]
    public async Task SubscribeAsync_CreditExhausted_RequestsAnotherBatchOnlyAfterTheEventsAreProcessed()
    {
        var call = _client.Prepare();
        call.Respond(Response(pending: 1, 101, 102));
        call.Respond(Response(pending: 0, 103));
        var sut = CreateSut();
        using var stop = new CancellationTokenSource();
        var events = sut.SubscribeAsync(Topic, ReplayStart.Earliest, stop.Token).GetAsyncEnumerator();

        Assert.True(await events.MoveNextAsync());
        Assert.True(await events.MoveNextAsync());
        Assert.True(await events.MoveNextAsync());
        Assert.Equal(103UL, ReplayId.ToUInt64(events.Current.ReplayId));
        Assert.Single(call.Requests);
        var next = events.MoveNextAsync();
        await EventuallyAsync(() => call.Requests.Count == 2);

        var first = call.Requests[0];
        Assert.Equal((Topic, ReplayPreset.Earliest, 3), (first.TopicName, first.ReplayPreset, first.NumRequested));
        Assert.Equal((Topic, 3), (call.Requests[1].TopicName, call.Requests[1].NumRequested));
        Assert.Equal(103UL, ReplayId.ToUInt64(sut.LatestReplayId));
        Assert.Equal(1, _client.SchemaRequests);
        Assert.False(next.IsCompleted);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await next);
        await events.DisposeAsync();
    }

    [Fact]
    public async Task SubscribeAsync_Metadata_CarriesTokenInstanceAndTenantOfAFreshToken()
    {
        _client.Prepare().Respond(Response(pending: 2, 101));
        await using var events = CreateSut().SubscribeAsync(Topic, ReplayStart.Latest).GetAsyncEnumerator();

        Assert.True(await events.MoveNextAsync());

        var headers = _client.Opened[0].Headers!;
        Assert.Equal("00D000000000001!first", headers.GetValue("accesstoken"));
        Assert.Equal("https://acme.my.salesforce.com", headers.GetValue("instanceurl"));
        Assert.Equal("00D000000000001AAA", headers.GetValue("tenantid"));
    }

    [Fact]
    public async Task SubscribeAsync_SilentStream_IsCancelledCountedAndResubscribedAfterTheKeepAlivePosition()
    {
        var first = _client.Prepare();
        first.Respond(Response(pending: 2, 101));
        var second = _client.Prepare();
        var sut = CreateSut();
        await using var events = sut.SubscribeAsync(Topic, ReplayStart.Earliest).GetAsyncEnumerator();
        Assert.True(await events.MoveNextAsync());

        var next = events.MoveNextAsync();
        first.Respond(KeepAlive(latest: 150, pending: 2));
        await EventuallyAsync(() => sut.LatestReplayId is { } id && ReplayId.ToUInt64(id) == 150);
        await EventuallyAsync(() => _client.Opened.Count == 2, step: TimeSpan.FromSeconds(1));

        Assert.Equal(1, sut.SilenceTimeouts);
        Assert.True(first.IsDisposed);
        var resume = Assert.Single(second.Requests);
        Assert.Equal(ReplayPreset.Custom, resume.ReplayPreset);
        Assert.Equal(150UL, ReplayId.ToUInt64(resume.ReplayId.Span));
        second.Respond(Response(pending: 2, 151));
        Assert.True(await next);
        Assert.Equal(151UL, ReplayId.ToUInt64(events.Current.ReplayId));
    }

    [Fact]
    public async Task SubscribeAsync_SilenceTimer_RunsOnlyWhileWaitingForTheServer()
    {
        var call = _client.Prepare();
        call.Respond(Response(pending: 2, 101));
        var sut = CreateSut();
        await using var events = sut.SubscribeAsync(Topic, ReplayStart.Earliest).GetAsyncEnumerator();
        Assert.True(await events.MoveNextAsync());

        // The caller takes longer than the silence timeout over an event; that is not the server's silence.
        _time.Advance(TimeSpan.FromSeconds(60));
        await Task.Delay(50);

        Assert.Equal(0, sut.SilenceTimeouts);
        Assert.Single(_client.Opened);
    }

    [Fact]
    public async Task SubscribeAsync_TransientFailures_BackOffExponentiallyOnTheClockAndResumeFromTheLastEvent()
    {
        var first = _client.Prepare();
        first.Respond(Response(pending: 2, 101));
        first.Fail(Failure(StatusCode.Unavailable, PubSubErrorCodes.ServiceUnavailable));
        _client.Prepare().Fail(Failure(StatusCode.Internal));
        var third = _client.Prepare();
        third.Respond(Response(pending: 2, 102));
        var sut = CreateSut();
        await using var events = sut.SubscribeAsync(Topic, ReplayStart.Earliest).GetAsyncEnumerator();
        Assert.True(await events.MoveNextAsync());

        var next = events.MoveNextAsync();
        var failedAt = _time.GetUtcNow();
        await EventuallyAsync(() => _client.Opened.Count == 2, step: TimeSpan.FromMilliseconds(100));
        var secondAt = _time.GetUtcNow();
        await EventuallyAsync(() => _client.Opened.Count == 3, step: TimeSpan.FromMilliseconds(100));
        var thirdAt = _time.GetUtcNow();

        // 1 s after the first failure, 2 s after the second (observed on a clock moved in 100 ms steps).
        Assert.InRange(secondAt - failedAt, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));
        Assert.InRange(thirdAt - secondAt, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(10));
        Assert.True(await next);
        Assert.Equal(102UL, ReplayId.ToUInt64(events.Current.ReplayId));
        Assert.All(_client.Opened.Skip(1), c => Assert.Equal(101UL, ReplayId.ToUInt64(c.Requests[0].ReplayId.Span)));
        Assert.Equal(2, sut.Resubscriptions);
    }

    [Fact]
    public async Task SubscribeAsync_FailuresBeyondTheAttemptLimit_Throw()
    {
        for (var i = 0; i < 4; i++)
        {
            _client.Prepare().Fail(Failure(StatusCode.Unavailable));
        }

        var run = Task.Run(async () =>
        {
            await foreach (var unused in CreateSut().SubscribeAsync(Topic, ReplayStart.Latest))
            {
            }
        });
        await EventuallyAsync(() => run.IsCompleted, step: TimeSpan.FromSeconds(1));

        var error = await Assert.ThrowsAsync<PubSubException>(() => run);
        Assert.Contains("gave up after 3", error.Message, StringComparison.Ordinal);
        Assert.Equal(4, _client.Opened.Count);
    }

    [Fact]
    public async Task SubscribeAsync_Unauthenticated_InvalidatesTheTokenAndResubscribesAtOnceWithANewOne()
    {
        _client.Prepare().Fail(Failure(StatusCode.Unauthenticated, PubSubErrorCodes.AuthError));
        _client.Prepare().Respond(Response(pending: 2, 101));
        await using var events = CreateSut().SubscribeAsync(Topic, ReplayStart.Latest).GetAsyncEnumerator();

        Assert.True(await events.MoveNextAsync());

        _tokens.Received(1).Invalidate(Arg.Is<SalesforceToken>(t => t.AccessToken == "00D000000000001!first"));
        Assert.Equal("00D000000000001!second", _client.Opened[1].Headers!.GetValue("accesstoken"));
    }

    [Fact]
    public async Task SubscribeAsync_FreshTokenRefusedToo_ThrowsWithoutTheToken()
    {
        _client.Prepare().Fail(Failure(StatusCode.Unauthenticated, PubSubErrorCodes.AuthError));
        _client.Prepare().Fail(Failure(StatusCode.Unauthenticated, PubSubErrorCodes.AuthError));
        await using var events = CreateSut().SubscribeAsync(Topic, ReplayStart.Latest).GetAsyncEnumerator();

        var error = await Assert.ThrowsAsync<PubSubException>(async () => await events.MoveNextAsync());

        Assert.Equal(PubSubErrorCodes.AuthError, error.ErrorCode);
        Assert.Equal("0f0f0f0f-0000-4000-8000-000000000001", error.RpcId);
        Assert.DoesNotContain("00D000000000001!", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubscribeAsync_ReplayIdCorrupted_ThrowsReplayIdRejectedAndNeverFallsBackToLatest()
    {
        _client.Prepare().Fail(Failure(StatusCode.InvalidArgument, PubSubErrorCodes.ReplayIdCorrupted));
        await using var events = CreateSut().SubscribeAsync(Topic, ReplayStart.After(ReplayId.FromUInt64(42))).GetAsyncEnumerator();

        var error = await Assert.ThrowsAsync<ReplayIdRejectedException>(async () => await events.MoveNextAsync());

        Assert.Equal(42UL, ReplayId.ToUInt64(error.ReplayId));
        Assert.Single(_client.Opened);
    }

    [Fact]
    public async Task SubscribeAsync_SecondStreamOnTheSameSubscriber_IsRefused()
    {
        _client.Prepare().Respond(Response(pending: 2, 101));
        var sut = CreateSut();
        await using var events = sut.SubscribeAsync(Topic, ReplayStart.Latest).GetAsyncEnumerator();
        Assert.True(await events.MoveNextAsync());

        await using var again = sut.SubscribeAsync(Topic, ReplayStart.Latest).GetAsyncEnumerator();
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await again.MoveNextAsync());
    }

    [Fact]
    public async Task SubscribeAsync_Cancelled_StopsWithOperationCanceled()
    {
        _client.Prepare();
        using var cts = new CancellationTokenSource();
        await using var events = CreateSut().SubscribeAsync(Topic, ReplayStart.Latest, cts.Token).GetAsyncEnumerator();
        var next = events.MoveNextAsync();
        await EventuallyAsync(() => _client.Opened.Count == 1);

        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await next);
        Assert.True(_client.Opened[0].IsDisposed);
    }
}
