using CrmSignalWorker.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace CrmSignalWorker.UnitTests.Worker;

public sealed class PeriodicJobServiceTests
{
    private readonly IPeriodicJob _job = Substitute.For<IPeriodicJob>();
    private readonly FakeTimeProvider _time = new();

    private PeriodicJobService<IPeriodicJob> CreateSut()
    {
        _job.Name.Returns("test-job");
        _job.Interval.Returns(TimeSpan.FromMinutes(5));
        return new PeriodicJobService<IPeriodicJob>(_job, _time, NullLogger<PeriodicJobService<IPeriodicJob>>.Instance);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(10);
        }
    }

    [Fact]
    public async Task ExecuteAsync_OnStartAndEachInterval_RunsTheJobOnTheInjectedClock()
    {
        using var sut = CreateSut();
        var runs = 0;
        _job.RunOnceAsync(Arg.Any<CancellationToken>()).Returns(_ => { Interlocked.Increment(ref runs); return Task.CompletedTask; });

        await sut.StartAsync(CancellationToken.None);
        await WaitUntilAsync(() => runs == 1);
        Assert.Equal(1, runs);

        _time.Advance(TimeSpan.FromMinutes(5));
        await WaitUntilAsync(() => runs == 2);
        Assert.Equal(2, runs);
        await sut.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task ExecuteAsync_WhenATickFails_KeepsRunningOnTheNextTick()
    {
        using var sut = CreateSut();
        var runs = 0;
        _job.RunOnceAsync(Arg.Any<CancellationToken>()).Returns(
            _ => { Interlocked.Increment(ref runs); return Task.FromException(new InvalidOperationException("Salesforce down")); });

        await sut.StartAsync(CancellationToken.None);
        await WaitUntilAsync(() => runs == 1);
        _time.Advance(TimeSpan.FromMinutes(5));
        await WaitUntilAsync(() => runs == 2);

        Assert.Equal(2, runs);
        Assert.False(sut.ExecuteTask!.IsFaulted);
        await sut.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task StopAsync_DuringARun_CancelsTheJobWithoutFaulting()
    {
        using var sut = CreateSut();
        var started = new TaskCompletionSource();
        _job.RunOnceAsync(Arg.Any<CancellationToken>()).Returns(async call =>
        {
            started.SetResult();
            await Task.Delay(Timeout.Infinite, call.Arg<CancellationToken>());
        });

        await sut.StartAsync(CancellationToken.None);
        await started.Task;
        await sut.StopAsync(CancellationToken.None);

        Assert.True(sut.ExecuteTask!.IsCompleted);
        Assert.False(sut.ExecuteTask.IsFaulted);
    }
}
