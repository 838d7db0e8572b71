using CrmSignalWorker.Core.Alerts;
using Microsoft.Extensions.Time.Testing;

namespace CrmSignalWorker.UnitTests.Alerts;

/// <summary>The alert lifecycle as the on-call person lives it: fire, group, repeat, silence, escalate, resolve.</summary>
public sealed class AlertPolicyTests
{
    private const string Jumps = "same_day_stage_jumps";
    private static readonly TimeSpan Repeat = TimeSpan.FromHours(4);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));
    private readonly AlertPolicy _policy;
    private List<Alert> _alerts = [];

    public AlertPolicyTests() => _policy = new AlertPolicy(new AlertPolicyOptions(Repeat), _time);

    private static Finding Jump(string segment, decimal value, string? automation = "Lead_Router", AlertSeverity severity = AlertSeverity.Warning, params string[] records) =>
        new(Jumps, segment, automation, severity, value, 0.05m, records.Length > 0 ? records : ["006A"]);

    private static Evaluation Run(params Finding[] findings) => new(
        new HashSet<(string, string)> { (Jumps, "EMEA"), (Jumps, "NA") },
        findings);

    /// <summary>Applies a run and keeps the open alerts, as the store would.</summary>
    private IReadOnlyList<AlertDecision> Apply(Evaluation evaluation, params Silence[] silences)
    {
        var decisions = _policy.Apply(evaluation, _alerts, silences);
        var changed = decisions.Select(d => d.Alert).ToDictionary(a => a.Key);
        _alerts = _alerts.Select(a => changed.Remove(a.Key, out var c) ? c : a).Concat(changed.Values).Where(a => a.IsOpen).ToList();
        return decisions;
    }

    [Fact]
    public void Breach_OpensOneAlertAndNotifies()
    {
        var decision = Assert.Single(Apply(Run(Jump("EMEA", 0.09m))));

        Assert.Equal(AlertChange.Opened, decision.Change);
        Assert.True(decision.Notify);
        Assert.Equal($"{Jumps}|EMEA|Lead_Router", decision.Alert.Key);
        Assert.Equal(AlertStatus.Firing, decision.Alert.Status);
        Assert.Equal(_time.GetUtcNow(), decision.Alert.OpenedAt);
    }

    [Fact]
    public void FindingsWithOneKey_AreGroupedIntoOneAlert_WithEveryRecordAndTheWorstFigure()
    {
        var decision = Assert.Single(Apply(Run(Jump("EMEA", 0.07m, records: ["006B", "006A"]), Jump("EMEA", 0.09m, records: ["006A", "006C"]))));

        Assert.Equal(["006A", "006B", "006C"], decision.Alert.RecordIds);
        Assert.Equal(0.09m, decision.Alert.Value);
    }

    [Fact]
    public void DifferentSegmentsOrAutomations_AreSeparateAlerts()
    {
        var decisions = Apply(Run(Jump("EMEA", 0.09m), Jump("NA", 0.08m), Jump("EMEA", 0.06m, automation: "MarketoSync")));

        Assert.Equal(3, decisions.Count);
        Assert.All(decisions, d => Assert.True(d.Notify));
    }

    [Fact]
    public void StillFiring_UpdatesQuietly_ThenRepeatsAfterTheInterval()
    {
        Apply(Run(Jump("EMEA", 0.09m)));

        _time.Advance(TimeSpan.FromHours(1));
        var update = Assert.Single(Apply(Run(Jump("EMEA", 0.11m))));
        _time.Advance(TimeSpan.FromHours(3));
        var repeat = Assert.Single(Apply(Run(Jump("EMEA", 0.12m))));
        _time.Advance(TimeSpan.FromHours(1));
        var quietAgain = Assert.Single(Apply(Run(Jump("EMEA", 0.12m))));

        Assert.Equal((AlertChange.Updated, false), (update.Change, update.Notify));
        Assert.Equal(0.11m, update.Alert.Value);
        Assert.Equal((AlertChange.Repeated, true), (repeat.Change, repeat.Notify));
        Assert.Equal(2, repeat.Alert.Notifications);
        Assert.Equal((AlertChange.Updated, false), (quietAgain.Change, quietAgain.Notify));
        Assert.Single(_alerts);
    }

    [Fact]
    public void Acknowledged_DoesNotRepeat_ButEscalationNotifiesAgain()
    {
        Apply(Run(Jump("EMEA", 0.09m)));
        _alerts = [_alerts[0] with { Status = AlertStatus.Acknowledged }];

        _time.Advance(TimeSpan.FromHours(5));
        var acknowledged = Assert.Single(Apply(Run(Jump("EMEA", 0.09m))));
        var escalated = Assert.Single(Apply(Run(Jump("EMEA", 0.30m, severity: AlertSeverity.Critical))));

        Assert.False(acknowledged.Notify);
        Assert.Equal(AlertStatus.Acknowledged, acknowledged.Alert.Status);
        Assert.Equal((AlertChange.Escalated, true), (escalated.Change, escalated.Notify));
        Assert.Equal(AlertStatus.Firing, escalated.Alert.Status);
        Assert.Equal(AlertSeverity.Critical, escalated.Alert.Severity);
    }

    [Fact]
    public void Silenced_KeepsTheStateButSendsNothing_UntilItExpires()
    {
        var silence = new Silence("s1", Jumps, "EMEA", null, "ana.ops", "known router migration", _time.GetUtcNow(), _time.GetUtcNow().AddHours(24));

        var opened = Assert.Single(Apply(Run(Jump("EMEA", 0.09m)), silence));
        _time.Advance(TimeSpan.FromHours(10));
        var during = Assert.Single(Apply(Run(Jump("EMEA", 0.15m)), silence));
        _time.Advance(TimeSpan.FromHours(15));
        var after = Assert.Single(Apply(Run(Jump("EMEA", 0.15m)), silence));

        Assert.Equal((AlertChange.Opened, false, "s1"), (opened.Change, opened.Notify, opened.Alert.SilencedBy));
        Assert.Equal((false, 0.15m, "s1"), (during.Notify, during.Alert.Value, during.Alert.SilencedBy));
        Assert.Equal((AlertChange.Repeated, true, (string?)null), (after.Change, after.Notify, after.Alert.SilencedBy));
    }

    [Fact]
    public void Silence_MatchesOnlyWhatItNames()
    {
        var silence = new Silence("s1", null, null, "MarketoSync", "ana.ops", "vendor fix due", _time.GetUtcNow(), _time.GetUtcNow().AddDays(1));

        var decisions = Apply(Run(Jump("EMEA", 0.09m, automation: "MarketoSync"), Jump("EMEA", 0.09m)), silence);

        Assert.False(decisions.Single(d => d.Alert.Automation == "MarketoSync").Notify);
        Assert.True(decisions.Single(d => d.Alert.Automation == "Lead_Router").Notify);
    }

    [Fact]
    public void SignalFallsBack_InAnEvaluatedScope_ResolvesAndNotifies()
    {
        Apply(Run(Jump("EMEA", 0.09m)));
        _time.Advance(TimeSpan.FromHours(2));

        var resolved = Assert.Single(Apply(Run()));

        Assert.Equal((AlertChange.Resolved, true), (resolved.Change, resolved.Notify));
        Assert.Equal(AlertStatus.Resolved, resolved.Alert.Status);
        Assert.Equal(_time.GetUtcNow(), resolved.Alert.ResolvedAt);
        Assert.Empty(_alerts);
    }

    [Fact]
    public void ScopeNotEvaluated_LeavesTheAlertOpen()
    {
        Apply(Run(Jump("EMEA", 0.09m)));

        var decisions = Apply(new Evaluation(new HashSet<(string, string)> { (Jumps, "NA") }, []));

        Assert.Empty(decisions);
        Assert.Single(_alerts);
    }

    [Fact]
    public void AlertOpenedUnderSilence_ResolvesWithoutAMessageNobodyHadSeen()
    {
        var silence = new Silence("s1", Jumps, null, null, "ana.ops", "planned import", _time.GetUtcNow(), _time.GetUtcNow().AddHours(1));
        Apply(Run(Jump("EMEA", 0.09m)), silence);

        var resolved = Assert.Single(Apply(Run(), silence));

        Assert.Equal(AlertChange.Resolved, resolved.Change);
        Assert.False(resolved.Notify);
    }

    [Fact]
    public void SameInputsAndTime_GiveTheSameDecisions()
    {
        var findings = Run(Jump("NA", 0.08m), Jump("EMEA", 0.09m));

        var first = _policy.Apply(findings, [], []);
        var second = _policy.Apply(findings, [], []);

        Assert.Equal(first.Select(d => (d.Alert.Key, d.Change, d.Notify)), second.Select(d => (d.Alert.Key, d.Change, d.Notify)));
    }
}
