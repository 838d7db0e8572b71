using System.Net;
using CrmSignalWorker.Hosting;
using CrmSignalWorker.Salesforce;
using CrmSignalWorker.Salesforce.Limits;
using CrmSignalWorker.UnitTests.Salesforce;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace CrmSignalWorker.UnitTests.Worker;

public sealed class PeriodicJobServiceTests : IDisposable
{
    private readonly IPeriodicJob _job = Substitute.For<IPeriodicJob>();
    private readonly FakeTimeProvider _time = new();
    private readonly TelemetryProbe _probe = new();
    private readonly ApiBudgetGuard _budget;

    public PeriodicJobServiceTests() => _budget = new ApiBudgetGuard(
        _probe.Usage, Options.Create(new SalesforceOptions { ApiBudgetShare = 0.8 }), _probe.Telemetry, _time, NullLogger<ApiBudgetGuard>.Instance);

    public void Dispose() => _probe.Dispose();

    private PeriodicJobService<IPeriodicJob> CreateSut(ApiDemand demand = ApiDemand.None)
    {
        _job.Name.Returns("test-job");
        _job.Interval.Returns(TimeSpan.FromMinutes(5));
        _job.Demand.Returns(demand);
        return new PeriodicJobService<IPeriodicJob>(_job, _budget, _probe.Telemetry, _time, NullLogger<PeriodicJobService<IPeriodicJob>>.Instance);
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

    [Theory]
    [InlineData(ApiDemand.None, true)]
    [InlineData(ApiDemand.Essential, true)]
    [InlineData(ApiDemand.NonEssential, false)]
    public async Task RunTickAsync_AboveTheBudgetShare_SkipsOnlyNonEssentialJobs(ApiDemand demand, bool runs)
    {
        using var sut = CreateSut(demand);
        _budget.Observe("api-usage=90/100");

        Assert.Equal(runs, await sut.RunTickAsync(CancellationToken.None));
        await _job.Received(runs ? 1 : 0).RunOnceAsync(Arg.Any<CancellationToken>());
        Assert.Equal(runs ? 0 : 1, _probe.Sum("crmsignal.salesforce.budget.deferred_runs", "job=test-job", "reason=share_exceeded"));
    }

    [Theory]
    [InlineData(ApiDemand.None, true)]
    [InlineData(ApiDemand.Essential, false)]
    [InlineData(ApiDemand.NonEssential, false)]
    public async Task RunTickAsync_AfterRequestLimitExceeded_SkipsEveryJobThatCallsSalesforce(ApiDemand demand, bool runs)
    {
        using var sut = CreateSut(demand);
        _budget.ReportLimitExceeded();

        Assert.Equal(runs, await sut.RunTickAsync(CancellationToken.None));
        await _job.Received(runs ? 1 : 0).RunOnceAsync(Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task RunTickAsync_WhenTheJobHitsRequestLimitExceeded_EndsTheRunWithoutThrowing()
    {
        using var sut = CreateSut(ApiDemand.Essential);
        _job.RunOnceAsync(Arg.Any<CancellationToken>())
            .ThrowsAsync(new SalesforceApiException(HttpStatusCode.Forbidden, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded."));

        Assert.True(await sut.RunTickAsync(CancellationToken.None));
    }
}
