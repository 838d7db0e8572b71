using CrmSignalWorker.Delivery;

namespace CrmSignalWorker.UnitTests.Worker;

public sealed class RetryBackoffTests
{
    private static readonly TimeSpan Base = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Max = TimeSpan.FromMinutes(30);

    [Theory]
    [InlineData(1, 30)]
    [InlineData(2, 60)]
    [InlineData(3, 120)]
    [InlineData(7, 1800)]
    [InlineData(40, 1800)]
    public void After_Attempt_DoublesUpToTheCap(int attempt, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), RetryBackoff.After(attempt, Base, Max, retryAfter: null));

    [Fact]
    public void After_ReceiverAskedForLonger_WaitsAsLongAsAsked() =>
        Assert.Equal(TimeSpan.FromMinutes(5), RetryBackoff.After(1, Base, Max, TimeSpan.FromMinutes(5)));

    [Fact]
    public void After_ReceiverAskedForLess_KeepsTheBackoff() =>
        Assert.Equal(TimeSpan.FromSeconds(60), RetryBackoff.After(2, Base, Max, TimeSpan.FromSeconds(1)));
}
