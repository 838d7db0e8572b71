using CrmSignalWorker.Salesforce.PubSub;
using CrmSignalWorker.Sources;

namespace CrmSignalWorker.UnitTests.Worker;

public sealed class CommitBatchPolicyTests
{
    private static CommitBatchPolicy CreateSut(int maxEvents = 100, int lingerMilliseconds = 200) =>
        new(maxEvents, TimeSpan.FromMilliseconds(lingerMilliseconds));

    [Fact]
    public void From_Defaults_CommitsAThousandEventsOrAfter200Milliseconds()
    {
        var sut = CommitBatchPolicy.From(new PubSubOptions());

        Assert.Equal((1000, TimeSpan.FromMilliseconds(200)), (sut.MaxEvents, sut.Linger));
    }

    [Theory]
    [InlineData(0, 25, false)]
    [InlineData(75, 25, false)]
    [InlineData(80, 25, true)]
    [InlineData(0, 150, false)]
    public void MustCommitBefore_APartThatWouldOverflowTheBatch_GoesIntoTheNext(int batched, int part, bool expected) =>
        Assert.Equal(expected, CreateSut(maxEvents: 100).MustCommitBefore(batched, part));

    [Theory]
    [InlineData(99, false)]
    [InlineData(100, true)]
    public void IsFull_AtMaxEvents_IsTrue(int batched, bool expected) => Assert.Equal(expected, CreateSut(maxEvents: 100).IsFull(batched));

    [Theory]
    [InlineData(100, 1000, 100)]
    [InlineData(100, 30, 30)]
    public void PartEvents_IsTheResponseCutToFitABatch(int batchSize, int maxEvents, int expected) =>
        Assert.Equal(expected, CreateSut(maxEvents).PartEvents(batchSize));

    [Fact]
    public void DueAt_IsTheFirstEventsReadinessPlusTheLinger()
    {
        var ready = new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

        Assert.Equal(ready.AddMilliseconds(200), CreateSut(lingerMilliseconds: 200).DueAt(ready));
    }

    [Fact]
    public void Constructor_NoEventsPerBatch_Throws() => Assert.Throws<ArgumentOutOfRangeException>(() => CreateSut(maxEvents: 0));
}
