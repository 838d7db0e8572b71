using CrmSignalWorker.Core.Alerts;
using CrmSignalWorker.Core.Watch;

namespace CrmSignalWorker.UnitTests.Core.Watch;

public sealed class WatchRulesTests
{
    // A Tuesday, 10:30 UTC: business hours.
    private static readonly DateTimeOffset Tuesday = new(2026, 11, 24, 10, 30, 0, TimeSpan.Zero);

    private static readonly WatchThresholds Thresholds = new(
        TimeSpan.FromHours(2), TimeZoneInfo.Utc, new TimeOnly(8, 0), new TimeOnly(18, 0), TimeSpan.FromMinutes(30), 0.9, 20, 3);

    private static WatchSnapshot Healthy(DateTimeOffset now) => new(
        now, [new StreamPosition("cdc:/data/OpportunityChangeEvent", now.AddMinutes(-5), now.AddMinutes(-6))], 0.4, 0, []);

    [Fact]
    public void Evaluate_HealthyWorker_RaisesNothing() => Assert.Empty(WatchRules.Evaluate(Healthy(Tuesday), Thresholds));

    [Fact]
    public void Evaluate_StreamQuietDuringBusinessHours_RaisesAQuietAlertKeyedByHour()
    {
        var snapshot = Healthy(Tuesday) with { Streams = [new StreamPosition("cdc:/data/OpportunityChangeEvent", Tuesday.AddHours(-3), Tuesday.AddHours(-3))] };

        var alert = Assert.Single(WatchRules.Evaluate(snapshot, Thresholds));

        Assert.Equal("watch:quiet:cdc:/data/OpportunityChangeEvent:2026-11-24T10", alert.Key);
        Assert.Contains("3 h", alert.Title, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-11-24T20:30:00Z")] // Tuesday evening
    [InlineData("2026-11-28T10:30:00Z")] // Saturday morning
    public void Evaluate_StreamQuietOutsideBusinessHours_IsNormal(string at)
    {
        var now = DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture);
        var snapshot = Healthy(now) with { Streams = [new StreamPosition("cdc:x", now.AddHours(-5), now.AddHours(-5))] };

        Assert.Empty(WatchRules.Evaluate(snapshot, Thresholds));
    }

    [Fact]
    public void Evaluate_BusinessHoursFollowTheConfiguredTimeZone()
    {
        // 10:30 UTC is 19:30 in Tokyo: after hours there.
        var tokyo = Thresholds with { BusinessTimeZone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo") };

        Assert.False(WatchRules.IsBusinessHours(Tuesday, tokyo));
        Assert.True(WatchRules.IsBusinessHours(Tuesday, Thresholds));
    }

    [Fact]
    public void Evaluate_LateBatch_BudgetNearCap_QuarantineSpike_FailingReceiver_EachRaiseTheirOwn()
    {
        var snapshot = new WatchSnapshot(
            Tuesday,
            [new StreamPosition("cdc:x", Tuesday.AddMinutes(-1), Tuesday.AddMinutes(-50))],
            0.93,
            25,
            [new ReceiverFailures("slack", 4, "503 from Slack"), new ReceiverFailures("email", 1, "timeout")]);

        var alerts = WatchRules.Evaluate(snapshot, Thresholds);

        Assert.Equal(
            ["watch:lag:cdc:x:2026-11-24T10", "watch:api-budget:2026-11-24", "watch:quarantine:2026-11-24T10", "watch:receiver:slack:2026-11-24T10"],
            alerts.Select(a => a.Key));
        Assert.Equal(AlertSeverity.Critical, alerts.Single(a => a.Key.StartsWith("watch:quarantine", StringComparison.Ordinal)).Severity);
        Assert.Contains("503 from Slack", alerts[^1].Detail, StringComparison.Ordinal);
    }
}
