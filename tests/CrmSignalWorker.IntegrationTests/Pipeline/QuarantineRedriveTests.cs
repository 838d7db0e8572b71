using CrmSignalWorker.IntegrationTests.Infrastructure;
using CrmSignalWorker.Salesforce.PubSub;
using CrmSignalWorker.Simulator;
using CrmSignalWorker.Simulator.PubSub;
using CrmSignalWorker.Sources;
using CrmSignalWorker.Storage.Ingest;

namespace CrmSignalWorker.IntegrationTests.Pipeline;

/// <summary>Quarantined Pub/Sub events are kept whole and, once readable, re-driven into the store exactly once.</summary>
public sealed class QuarantineRedriveTests : IAsyncLifetime
{
    private const string Topic = "/data/OpportunityChangeEvent";
    private readonly PostgresDatabase _database = new();
    private readonly SimulatedOrgOptions _orgOptions = new() { Seed = 5, Opportunities = 20, Leads = 10, Days = 5 };
    private SimulatedOrg _org = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _org = await SimulatedOrg.StartAsync(_orgOptions);
    }

    public async Task DisposeAsync()
    {
        await _org.DisposeAsync();
        await _database.DisposeAsync();
    }

    private WorkerHarness CreateWorker()
    {
        var settings = WorkerHarness.BaseSettings(_database, _org, _orgOptions);
        settings["PubSub:Endpoint"] = _org.PubSubUrl.ToString();
        return WorkerHarness.Create(settings);
    }

    /// <summary>An event exactly as the stream delivered it: raw Avro bytes, schema id and replay id.</summary>
    private async Task<ReceivedEvent> ReceiveOneAsync(WorkerHarness worker, string stage)
    {
        var tip = _org.PubSub.Events[^1].ReplayId;
        _org.PubSub.PublishChange(new ChangeEventSpec
        {
            Entity = "Opportunity",
            RecordIds = [_org.Scenario.Opportunities[0].Id],
            Fields = new Dictionary<string, object?> { ["StageName"] = stage },
            CommitUser = _org.Scenario.JumpingActorId,
        });
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await foreach (var received in worker.Get<PubSubSubscriber>().StreamAsync(Topic, ReplayStart.After(tip), stop.Token))
        {
            return received;
        }

        throw new InvalidOperationException("the stream ended without an event");
    }

    [Fact]
    public async Task Redrive_StoresWhatTheQuarantinedEventHolds_Once_AndLeavesUnreadableOnesOpen()
    {
        using var worker = CreateWorker();
        var store = worker.Get<ChangeStore>();
        var readable = await ReceiveOneAsync(worker, "Proposal");
        var corrupt = await ReceiveOneAsync(worker, "Negotiation");
        // As if the schema service had been down when the first arrived, and the second's bytes were damaged.
        var now = worker.Time.GetUtcNow();
        var damaged = corrupt with { Event = corrupt.Event.Clone() };
        damaged.Event.Event.Payload = Google.Protobuf.ByteString.CopyFrom(corrupt.Payload.Span[..10]);
        await store.IngestAsync(
            new IngestBatch([], [], [], [QuarantinedEvent.From(readable, "schema unavailable", now), QuarantinedEvent.From(damaged, "truncated", now)]),
            new Checkpoint("cdc:" + Topic, now, readable.ReplayId),
            CancellationToken.None);
        Assert.Equal(2, (await worker.Get<QuarantineStore>().ListAsync(includeResolved: false, 10, CancellationToken.None)).Count);

        var outcomes = await worker.Get<QuarantineRedriver>().RedriveAsync(null, CancellationToken.None);

        Assert.Equal([RedriveResult.Redriven, RedriveResult.StillFailing], outcomes.Select(o => o.Result));
        Assert.Equal(1, await _database.CountAsync("field_change", "source = 'cdc' AND field = 'StageName' AND new_value = 'Proposal'"));
        Assert.Equal(0, await _database.CountAsync("field_change", "new_value = 'Negotiation'"));
        var open = Assert.Single(await worker.Get<QuarantineStore>().ListAsync(includeResolved: false, 10, CancellationToken.None));
        Assert.Equal(QuarantinedEvent.SourceKeyOf(Topic, corrupt.ReplayId), open.SourceKey);
        Assert.Equal("truncated", open.Reason);

        // Re-driving again finds only the unreadable one, and writes nothing twice.
        var again = await worker.Get<QuarantineRedriver>().RedriveAsync(null, CancellationToken.None);
        Assert.Equal([RedriveResult.StillFailing], again.Select(o => o.Result));
        Assert.Equal(1, await _database.CountAsync("field_change", "new_value = 'Proposal'"));
        Assert.Equal(1, await _database.CountAsync("quarantine", "resolved_at IS NOT NULL AND resolution = 're-driven'"));
    }
}
