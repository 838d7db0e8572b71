using CrmSignalWorker.Core.Changes;
using CrmSignalWorker.Sources;
using CrmSignalWorker.Storage.Ingest;

namespace CrmSignalWorker.UnitTests.Worker;

public sealed class NormalizedEventsTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    private static NormalizedEvents Part(byte replay, int gaps, DateTimeOffset? newest, DateTimeOffset ready, params HistoryReread[] rereads) => new(
        new IngestBatch([], [], [], [new QuarantinedPayload("pubsub", "k" + replay, "bad", "{}", ready)], rereads), 2, gaps, [replay], newest, ready);

    [Fact]
    public void Merge_KeepsEveryRowTheLastReplayIdTheNewestCommitAndTheEarliestReadiness()
    {
        var reread = new HistoryReread("OpportunityFieldHistory", ["006"], At, "gap");
        var merged = NormalizedEvents.Merge([
            Part(1, gaps: 0, newest: At.AddSeconds(5), ready: At.AddSeconds(1)),
            Part(2, gaps: 1, newest: null, ready: At.AddSeconds(2), reread),
            Part(3, gaps: 0, newest: At.AddSeconds(4), ready: At.AddSeconds(3)),
        ]);

        Assert.Equal((6, 1), (merged.Events, merged.Gaps));
        Assert.Equal(new byte[] { 3 }, merged.LastReplayId);
        Assert.Equal(At.AddSeconds(5), merged.NewestCommit);
        Assert.Equal(At.AddSeconds(1), merged.ReadyAt);
        Assert.Equal(["k1", "k2", "k3"], merged.Batch.Quarantined.Select(q => q.SourceKey));
        Assert.Equal(reread, Assert.Single(merged.Batch.Rereads!));
    }
}
