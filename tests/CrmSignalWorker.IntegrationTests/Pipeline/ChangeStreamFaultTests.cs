using CrmSignalWorker.IntegrationTests.Infrastructure;
using CrmSignalWorker.Salesforce.Auth;
using CrmSignalWorker.Salesforce.PubSub;
using CrmSignalWorker.Simulator;
using CrmSignalWorker.Sources;
using CrmSignalWorker.Telemetry;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using SimErrorCodes = CrmSignalWorker.Simulator.PubSub.PubSubErrorCodes;

namespace CrmSignalWorker.IntegrationTests.Pipeline;

/// <summary>
/// The worker's change-stream path (Pub/Sub stream → decode → normalize → Postgres with the replay id in the same
/// transaction) against the simulated org misbehaving on purpose, over real sockets and a real database. Each test
/// publishes changes before, during and after one fault, and ends with every change stored exactly once and the
/// checkpoint on the last replay id. Gaps, overflows, a rejected replay id and crashes are in ChangeStreamPipelineTests.
/// </summary>
public sealed class ChangeStreamFaultTests : IAsyncLifetime, IDisposable
{
    private readonly PostgresDatabase _database = new();
    private readonly SimulatedOrgOptions _orgOptions = new() { Seed = 23, Opportunities = 20, Leads = 10, Days = 5, KeepAliveInterval = TimeSpan.FromMilliseconds(300) };
    private readonly LogCapture _logs = new();
    private SimulatedOrg _org = null!;
    private PublishedChanges _changes = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _org = await SimulatedOrg.StartAsync(_orgOptions);
        _changes = new PublishedChanges(_org, _database);
        await _changes.StoreCurrentTipAsCheckpointAsync();
    }

    public async Task DisposeAsync()
    {
        await _org.DisposeAsync();
        await _database.DisposeAsync();
    }

    public void Dispose() => _logs.Dispose();

    private WorkerHarness CreateWorker(Action<Dictionary<string, string?>>? configure = null)
    {
        var settings = WorkerHarness.BaseSettings(_database, _org, _orgOptions);
        settings["PubSub:Endpoint"] = _org.PubSubUrl.ToString();
        settings["PubSub:ReconnectBaseDelay"] = "00:00:00";
        configure?.Invoke(settings);
        return WorkerHarness.Create(settings, logs: _logs);
    }

    [Fact]
    public async Task RunAsync_TokensExpireWhileStreaming_ResubscribesWithAFreshTokenAndStoresEachChangeOnce()
    {
        using var worker = CreateWorker();
        await using var run = new IngestorRun(worker, PublishedChanges.Topic);
        _changes.Publish(3);
        await _changes.WaitUntilStoredAsync(run);

        // The open stream keeps its session, as in Salesforce; the drop makes the next Subscribe call meet the 401.
        _org.Faults.ExpireAllTokens();
        _org.Faults.PubSub.DropStreamsAfter(2);
        _changes.Publish(4);
        await _changes.WaitUntilStoredAsync(run);
        _org.Faults.PubSub.Reset();
        _changes.Publish(2);
        await _changes.WaitUntilStoredAsync(run);

        await _changes.AssertEachStoredOnceAsync();
        // Pub/Sub refused the revoked token (1104) and the worker minted a second one (1000) to go on.
        Assert.Equal(1, _logs.Count<PubSubSubscriber>(1104));
        Assert.Equal(2, _logs.Count<SalesforceTokenProvider>(1000));
    }

    [Fact]
    public async Task RunAsync_TokenEndpointFailsWith503WhileADroppedStreamResubscribes_RetriesAndStoresEachChangeOnce()
    {
        using var worker = CreateWorker(s => s["Salesforce:TokenLifetime"] = "00:01:00");
        await using var run = new IngestorRun(worker, PublishedChanges.Topic);
        _changes.Publish(3);
        await _changes.WaitUntilStoredAsync(run);

        // The worker renews a token past Salesforce:TokenLifetime, so the resubscribe after the drop goes to the token
        // endpoint and meets a 503 burst that outlasts the token pipeline's retries (1 + Salesforce:MaxRetries = 4 attempts),
        // so the subscriber resubscribes again; four failures among five calls stay below the circuit's minimum throughput.
        worker.Time.Advance(TimeSpan.FromMinutes(2));
        _org.Faults.FailNext(4, 503, "SERVER_UNAVAILABLE", "Server is down for maintenance");
        _org.Faults.PubSub.DropStreamsAfter(2);
        _changes.Publish(4);
        await _changes.WaitUntilStoredAsync(run);
        _org.Faults.PubSub.Reset();
        _changes.Publish(2);
        await _changes.WaitUntilStoredAsync(run);

        await _changes.AssertEachStoredOnceAsync();
        Assert.Equal(4, _logs.LinesOf<SalesforceTokenProvider>(1001).Count(line => line.Contains("status 503", StringComparison.Ordinal)));
        Assert.Equal(2, _logs.Count<SalesforceTokenProvider>(1000));
    }

    [Fact]
    public async Task ChangeStreamService_SubscribeRefusedWithLimitExceeded_RestartsAfterBackoffFromTheStoredReplayId()
    {
        using var worker = CreateWorker(s =>
        {
            s["PubSub:Topics:0"] = PublishedChanges.Topic;
            s["PubSub:WorkflowEventTopic"] = "";
            // The restart waits on the worker's (fake) clock, which the polls below move along; the long keep-alive keeps
            // the silence watchdog from reading those jumps as a dead stream.
            s["PubSub:ReconnectBaseDelay"] = "00:00:05";
            s["PubSub:KeepAliveInterval"] = "01:00:00";
        });
        using var metrics = new MeterProbe(worker.Get<WorkerTelemetry>().Meter);
        using var service = ActivatorUtilities.CreateInstance<ChangeStreamService>(worker.Services);
        var limitRestarts = () => metrics.Sum("crmsignal.stream.restarts", "topic=" + PublishedChanges.Topic, "cause=limit_exceeded");
        Task MoveClock()
        {
            worker.Time.Advance(TimeSpan.FromSeconds(5));
            return Task.CompletedTask;
        }

        await service.StartAsync(CancellationToken.None);
        try
        {
            _changes.Publish(3);
            await _changes.WaitUntilStoredAsync(MoveClock);

            _org.Faults.PubSub.FailNextSubscribe(StatusCode.ResourceExhausted, SimErrorCodes.SubscriptionLimitExceeded);
            _org.Faults.PubSub.FailNextSubscribe(StatusCode.ResourceExhausted, SimErrorCodes.SubscriptionLimitExceeded);
            _org.Faults.PubSub.DropStreamsAfter(1);
            _changes.Publish(4);
            await _changes.WaitUntilStoredAsync(MoveClock);
            Assert.Equal(2, limitRestarts());
            _org.Faults.PubSub.Reset();
            _changes.Publish(2);
            await _changes.WaitUntilStoredAsync(MoveClock);
        }
        finally
        {
            await service.StopAsync(CancellationToken.None);
        }

        await _changes.AssertEachStoredOnceAsync();
        Assert.Equal(2, limitRestarts());
        Assert.Equal(2, _logs.Count<PubSubSubscriber>(1106));
    }

    [Fact]
    public async Task RunAsync_SlowTokenAndRestAndASilentStream_WatchdogResubscribesFromTheLastReplayId()
    {
        _org.Faults.SetLatency(TimeSpan.FromMilliseconds(250));
        using var worker = CreateWorker(s =>
        {
            // Silence timeout: 1 s × 2 on the worker's fake clock, which only this test moves.
            s["PubSub:KeepAliveInterval"] = "00:00:01";
            s["PubSub:SilenceTolerance"] = "2";
            // Stale after the clock moves below, so the resubscribe also waits on the slow token endpoint.
            s["Salesforce:TokenLifetime"] = "00:01:00";
        });
        await using var run = new IngestorRun(worker, PublishedChanges.Topic);
        _changes.Publish(3);
        await _changes.WaitUntilStoredAsync(run);

        _org.Faults.PubSub.SilenceStreams();
        _changes.Publish(3);
        // The silence timer starts with each read; move the clock past it until the watchdog has torn the stream down.
        // The first step also makes the token stale. Later steps stay small: on a loaded machine the watchdog may
        // log a step late, and a minute-long step landing on the resubscribe's in-flight token request would time
        // it out on this clock (the token pipeline's 30 s timeout), which is not the fault under test.
        for (var i = 0; i < 300 && _logs.Count<PubSubSubscriber>(1102) == 0; i++)
        {
            worker.Time.Advance(TimeSpan.FromSeconds(i == 0 ? 61 : 3));
            await Task.Delay(100);
            await run.ThrowIfFailedAsync();
        }

        Assert.True(_logs.Count<PubSubSubscriber>(1102) >= 1, "The silence watchdog never fired.");
        _org.Faults.PubSub.Resume();
        await _changes.WaitUntilStoredAsync(run);
        _org.Faults.SetLatency(TimeSpan.Zero);
        _changes.Publish(2);
        await _changes.WaitUntilStoredAsync(run);

        await _changes.AssertEachStoredOnceAsync();
        // The resubscribe after the watchdog renewed the stale token through the slow endpoint.
        Assert.True(_logs.Count<SalesforceTokenProvider>(1000) >= 2, $"{_logs.Count<SalesforceTokenProvider>(1000)} tokens issued.");
    }

    [Fact]
    public async Task RunAsync_StreamsDroppedRepeatedly_ResumeAfterTheLastReplayIdAndStoreEachChangeOnce()
    {
        using var worker = CreateWorker(s => s["PubSub:BatchSize"] = "3");
        await using var run = new IngestorRun(worker, PublishedChanges.Topic);
        _changes.Publish(3);
        await _changes.WaitUntilStoredAsync(run);

        _org.Faults.PubSub.DropStreamsAfter(2);
        _changes.Publish(7);
        await _changes.WaitUntilStoredAsync(run);
        _org.Faults.PubSub.Reset();
        _changes.Publish(2);
        await _changes.WaitUntilStoredAsync(run);

        await _changes.AssertEachStoredOnceAsync();
        // Seven events two at a time: at least three transport resets (1103), each followed by a resubscribe.
        Assert.True(_logs.Count<PubSubSubscriber>(1103) >= 3, $"{_logs.Count<PubSubSubscriber>(1103)} interruptions logged.");
    }

    [Fact]
    public async Task RunAsync_SchemaChangesMidStream_DecodesAndStoresEventsOfTheNewSchema()
    {
        using var worker = CreateWorker();
        await using var run = new IngestorRun(worker, PublishedChanges.Topic);
        _changes.Publish(3);
        await _changes.WaitUntilStoredAsync(run);

        var newSchemaId = _org.Faults.PubSub.ChangeSchemaNext("Opportunity");
        _changes.Publish(3, new Dictionary<string, object?> { ["SimAdded1__c"] = "added after the schema change" });
        await _changes.WaitUntilStoredAsync(run);
        _changes.Publish(2);
        await _changes.WaitUntilStoredAsync(run);

        await _changes.AssertEachStoredOnceAsync();
        Assert.Equal(3, await _database.CountAsync("field_change", "field = 'SimAdded1__c' AND new_value = 'added after the schema change'"));
        Assert.Contains(_logs.LinesOf<SchemaCache>(1107), line => line.Contains(newSchemaId, StringComparison.Ordinal));
    }
}
