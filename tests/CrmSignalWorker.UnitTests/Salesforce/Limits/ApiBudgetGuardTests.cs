using System.Text.Json;
using CrmSignalWorker.Salesforce;
using CrmSignalWorker.Salesforce.Limits;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CrmSignalWorker.UnitTests.Salesforce.Limits;

/// <summary>When the guard holds work back, what ends a pause, and what it reports.</summary>
public sealed class ApiBudgetGuardTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 3, 9, 0, 0, TimeSpan.Zero));
    private readonly TelemetryProbe _probe = new();

    public void Dispose() => _probe.Dispose();

    private ApiBudgetGuard CreateSut(double share = 0.8) => new(
        _probe.Usage,
        Options.Create(new SalesforceOptions { ApiBudgetShare = share }),
        _probe.Telemetry,
        _time,
        NullLogger<ApiBudgetGuard>.Instance);

    [Fact]
    public void Allows_BeforeAnyReading_AllowsEverything()
    {
        var sut = CreateSut();

        Assert.True(sut.Allows(ApiDemand.NonEssential));
        Assert.Equal(BudgetPause.None, sut.State.Pause);
        Assert.Null(sut.State.Used);
    }

    [Fact]
    public void Observe_BelowTheShare_AllowsNonEssentialWork()
    {
        var sut = CreateSut();

        sut.Observe("api-usage=79999/100000");

        Assert.True(sut.Allows(ApiDemand.NonEssential));
        Assert.True(sut.Allows(ApiDemand.Essential));
    }

    [Fact]
    public void Observe_AtTheShare_PausesNonEssentialWorkButNotEssential()
    {
        var sut = CreateSut();

        sut.Observe("api-usage=80000/100000; api-bursts=1/750");

        Assert.False(sut.Allows(ApiDemand.NonEssential));
        Assert.True(sut.Allows(ApiDemand.Essential));
        Assert.True(sut.Allows(ApiDemand.None));
        Assert.Equal(new ApiBudgetState(80000, 100000, 0.8, 0.8, BudgetPause.ShareExceeded, _time.GetUtcNow()), sut.State);
        Assert.Equal(1, _probe.Sum("crmsignal.salesforce.budget.pauses", "reason=share_exceeded"));
    }

    [Fact]
    public void Observe_StillAboveTheShare_KeepsThePauseAndItsStart()
    {
        var sut = CreateSut();
        sut.Observe("api-usage=85000/100000");
        var since = sut.State.PausedSince;

        _time.Advance(TimeSpan.FromMinutes(5));
        sut.Observe("api-usage=86000/100000");

        Assert.Equal(since, sut.State.PausedSince);
        Assert.Equal(1, _probe.Sum("crmsignal.salesforce.budget.pauses"));
    }

    [Fact]
    public void Observe_FallingBackBelowTheShare_ResumesNonEssentialWork()
    {
        var sut = CreateSut();
        sut.Observe("api-usage=85000/100000");

        _time.Advance(TimeSpan.FromHours(3));
        sut.Observe("api-usage=70000/100000");

        Assert.True(sut.Allows(ApiDemand.NonEssential));
        Assert.Null(sut.State.PausedSince);
        Assert.Equal(1, _probe.Sum("crmsignal.salesforce.budget.resumes", "reason=share_exceeded"));
    }

    [Fact]
    public void Observe_ConfiguredShare_IsTheThreshold()
    {
        var sut = CreateSut(share: 0.5);

        sut.Observe("api-usage=50/100");

        Assert.False(sut.Allows(ApiDemand.NonEssential));
    }

    [Fact]
    public void ReportLimitExceeded_PausesEssentialWorkToo()
    {
        var sut = CreateSut();

        sut.ReportLimitExceeded();

        Assert.False(sut.Allows(ApiDemand.Essential));
        Assert.False(sut.Allows(ApiDemand.NonEssential));
        Assert.True(sut.Allows(ApiDemand.None));
        Assert.Equal(BudgetPause.LimitExceeded, sut.State.Pause);
        Assert.Equal(1, _probe.Sum("crmsignal.salesforce.budget.pauses", "reason=limit_exceeded"));
    }

    [Fact]
    public void ReportLimitExceeded_AHeaderShowingSpareCalls_DoesNotEndThePause()
    {
        var sut = CreateSut();
        sut.ReportLimitExceeded();

        sut.Observe("api-usage=10/100000");

        Assert.False(sut.Allows(ApiDemand.Essential));
    }

    [Fact]
    public void ObserveLimits_NothingRemaining_KeepsAllPollingPaused()
    {
        var sut = CreateSut();
        sut.ReportLimitExceeded();

        sut.ObserveLimits(new ApiLimits(Max: 15000, Remaining: 0));

        Assert.False(sut.Allows(ApiDemand.Essential));
        Assert.Equal(0, _probe.Sum("crmsignal.salesforce.budget.resumes"));
    }

    [Fact]
    public void ObserveLimits_CallsBackUnderTheShare_ResumesAllPolling()
    {
        var sut = CreateSut();
        sut.ReportLimitExceeded();

        _time.Advance(TimeSpan.FromMinutes(45));
        sut.ObserveLimits(new ApiLimits(Max: 15000, Remaining: 9000));

        Assert.True(sut.Allows(ApiDemand.NonEssential));
        Assert.Equal(new ApiBudgetState(6000, 15000, 0.4, 0.8, BudgetPause.None, null), sut.State);
        Assert.Equal(1, _probe.Sum("crmsignal.salesforce.budget.resumes", "reason=limit_exceeded"));
    }

    [Fact]
    public void ObserveLimits_SomeCallsBackButAboveTheShare_ResumesOnlyEssentialPolling()
    {
        var sut = CreateSut();
        sut.ReportLimitExceeded();

        sut.ObserveLimits(new ApiLimits(Max: 15000, Remaining: 20));

        Assert.True(sut.Allows(ApiDemand.Essential));
        Assert.False(sut.Allows(ApiDemand.NonEssential));
        Assert.Equal(BudgetPause.ShareExceeded, sut.State.Pause);
    }

    [Fact]
    public void UsageGauges_ReportTheLastReading()
    {
        var sut = CreateSut();

        sut.Observe("api-usage=1234/15000");

        Assert.Equal(1234, _probe.Observe("crmsignal.salesforce.api.used"));
        Assert.Equal(15000, _probe.Observe("crmsignal.salesforce.api.allocation"));
    }

    [Fact]
    public void Parse_LimitsResponse_ReadsDailyApiRequests()
    {
        using var json = JsonDocument.Parse("""{"DailyApiRequests":{"Max":15000,"Remaining":14998},"DailyBulkApiBatches":{"Max":15000,"Remaining":15000}}""");

        var limits = ApiLimits.Parse(json.RootElement);

        Assert.Equal(new ApiLimits(15000, 14998), limits);
        Assert.Equal(2, limits.Used);
    }

    [Theory]
    [InlineData("""{"DailyBulkApiBatches":{"Max":15000,"Remaining":15000}}""")]
    [InlineData("""{"DailyApiRequests":{"Max":"many"}}""")]
    [InlineData("""[]""")]
    public void Parse_ResponseWithoutDailyApiRequests_FailsNamingWhatIsMissing(string body)
    {
        using var json = JsonDocument.Parse(body);

        var error = Assert.Throws<SalesforceApiException>(() => ApiLimits.Parse(json.RootElement));

        Assert.Contains("DailyApiRequests", error.Message, StringComparison.Ordinal);
    }
}
