using System.Threading.Channels;
using ChangeChannel = CrmSignalWorker.Core.Changes.Channel;
using CrmSignalWorker.Core.Changes;
using CrmSignalWorker.Sources;
using CrmSignalWorker.Storage.Ingest;
using Microsoft.Extensions.Time.Testing;

namespace CrmSignalWorker.UnitTests.Worker;

public sealed class StreamBatcherTests
{
    private static readonly TimeSpan Linger = TimeSpan.FromMilliseconds(200);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero));
    private readonly Channel<NormalizedEvents> _parts = System.Threading.Channels.Channel.CreateUnbounded<NormalizedEvents>();
    private readonly Channel<NormalizedEvents> _batches = System.Threading.Channels.Channel.CreateUnbounded<NormalizedEvents>();
    private byte _replay;

    private Task StartSut(int maxEvents = 100) =>
        new StreamBatcher(new CommitBatchPolicy(maxEvents, Linger), _time).RunAsync(_parts.Reader, _batches.Writer, CancellationToken.None);

    /// <summary>A part of <paramref name="events"/> events, one field change each, ready now.</summary>
    private NormalizedEvents Part(int events, DateTimeOffset? newestCommit = null)
    {
        var changes = Enumerable.Range(0, events).Select(i => new FieldChange(
            $"cdc:{_replay}:{i}", ChangeSource.Cdc, "Opportunity", "006", "StageName", null, "Proposal", _time.GetUtcNow(), "005",
            ActorKind.Human, null, ChangeChannel.Unknown, null, "tx", "EMEA")).ToList();
        _replay++;
        return new NormalizedEvents(new IngestBatch(changes, [], [], []), events, 0, [_replay], newestCommit, _time.GetUtcNow());
    }

    private async Task<NormalizedEvents> NextBatchAsync() => await _batches.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

    [Fact]
    public async Task RunAsync_PartsUpToMaxEvents_CommitTogetherWithTheLastReplayId()
    {
        var run = StartSut(maxEvents: 100);
        for (var i = 0; i < 4; i++)
        {
            await _parts.Writer.WriteAsync(Part(25, newestCommit: _time.GetUtcNow().AddSeconds(i)));
        }

        var batch = await NextBatchAsync();

        Assert.Equal((100, 100), (batch.Events, batch.Batch.FieldChanges.Count));
        Assert.Equal(new byte[] { 4 }, batch.LastReplayId);
        Assert.Equal(_time.GetUtcNow().AddSeconds(3), batch.NewestCommit);
        _parts.Writer.Complete();
        await run;
    }

    [Fact]
    public async Task RunAsync_APartThatWouldOverflow_StartsTheNextBatch()
    {
        var run = StartSut(maxEvents: 100);
        await _parts.Writer.WriteAsync(Part(60));
        await _parts.Writer.WriteAsync(Part(60));
        _parts.Writer.Complete();

        var first = await NextBatchAsync();
        var second = await NextBatchAsync();
        await run;

        Assert.Equal((60, 60), (first.Events, second.Events));
        Assert.Equal(new byte[] { 1 }, first.LastReplayId);
        Assert.Equal(new byte[] { 2 }, second.LastReplayId);
    }

    [Fact]
    public async Task RunAsync_ASlowStream_CommitsThePartialBatchOnceTheLingerPasses()
    {
        var run = StartSut(maxEvents: 100);
        await _parts.Writer.WriteAsync(Part(3));
        await Task.Delay(50);

        Assert.False(_batches.Reader.TryRead(out _));
        _time.Advance(Linger);
        var batch = await NextBatchAsync();

        Assert.Equal(3, batch.Events);
        _parts.Writer.Complete();
        await run;
        Assert.False(_batches.Reader.TryRead(out _));
    }

    [Fact]
    public async Task RunAsync_WhenTheReceiverStops_HandsOverWhatIsPendingAndCompletes()
    {
        var run = StartSut(maxEvents: 100);
        await _parts.Writer.WriteAsync(Part(10));
        await _parts.Writer.WriteAsync(Part(5));
        _parts.Writer.Complete();

        await run;

        var batch = await NextBatchAsync();
        Assert.Equal(15, batch.Events);
        Assert.Equal(new byte[] { 2 }, batch.LastReplayId);
        Assert.True(_batches.Reader.Completion.IsCompleted);
    }
}
