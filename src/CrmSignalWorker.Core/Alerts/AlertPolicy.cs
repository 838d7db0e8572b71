namespace CrmSignalWorker.Core.Alerts;

/// <summary>What a run did to one alert, and whether people hear about it.</summary>
public enum AlertChange
{
    /// <summary>A new incident.</summary>
    Opened = 0,

    /// <summary>Still firing; figures refreshed in place without a new message.</summary>
    Updated = 1,

    /// <summary>Still firing and unacknowledged after the repeat interval, or its silence expired.</summary>
    Repeated = 2,

    /// <summary>Its severity rose.</summary>
    Escalated = 3,

    /// <summary>The signal fell back under its threshold.</summary>
    Resolved = 4,
}

/// <param name="Notify">True when a message goes out (an update in place of the incident's message, not a new thread).</param>
public sealed record AlertDecision(Alert Alert, AlertChange Change, bool Notify);

/// <summary>The alert policy's settings.</summary>
/// <param name="RepeatInterval">How often an unacknowledged, firing alert is sent again.</param>
public sealed record AlertPolicyOptions(TimeSpan RepeatInterval);

/// <summary>
/// Turns each evaluation's findings into alert changes: one alert per signal, segment and automation (findings
/// with the same key are grouped into it), a repeat at the configured interval while it fires unacknowledged,
/// escalation when severity rises, auto-resolve when the evaluated scope no longer breaches, and silences that
/// keep the state current but send nothing until they expire. Deterministic for the same inputs and time.
/// </summary>
public sealed class AlertPolicy(AlertPolicyOptions options, TimeProvider timeProvider)
{
    public IReadOnlyList<AlertDecision> Apply(Evaluation evaluation, IReadOnlyList<Alert> open, IReadOnlyList<Silence> silences)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        ArgumentNullException.ThrowIfNull(open);
        ArgumentNullException.ThrowIfNull(silences);
        var now = timeProvider.GetUtcNow();
        var active = silences.Where(s => s.IsActiveAt(now)).ToList();
        var byKey = open.Where(a => a.IsOpen).ToDictionary(a => a.Key, StringComparer.Ordinal);
        var decisions = new List<AlertDecision>();

        foreach (var group in evaluation.Findings.GroupBy(f => f.DedupKey, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var finding = Merge(group.ToList());
            byKey.Remove(group.Key, out var existing);
            decisions.Add(existing is null ? Open(finding, now, active) : Continue(existing, finding, now, active));
        }

        // Open alerts without a finding: resolved when this run evaluated their scope, otherwise left as they are.
        foreach (var alert in byKey.Values.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            if (evaluation.Evaluated.Contains((alert.Signal, alert.Segment)))
            {
                var silenced = SilenceFor(alert, active);
                var resolved = alert with { Status = AlertStatus.Resolved, ResolvedAt = now, SilencedBy = silenced?.Id };
                // A resolved notice goes to everyone who heard of the alert; an alert never sent stays quiet.
                decisions.Add(new AlertDecision(
                    resolved with { LastNotifiedAt = alert.Notifications > 0 ? now : alert.LastNotifiedAt, Notifications = alert.Notifications + (alert.Notifications > 0 ? 1 : 0) },
                    AlertChange.Resolved,
                    Notify: alert.Notifications > 0));
            }
        }

        return decisions;
    }

    private static Finding Merge(List<Finding> findings)
    {
        var worst = findings.MaxBy(f => (f.Severity, f.Value))!;
        return worst with { RecordIds = findings.SelectMany(f => f.RecordIds).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList() };
    }

    private static AlertDecision Open(Finding finding, DateTimeOffset now, List<Silence> active)
    {
        var alert = new Alert(
            finding.DedupKey, finding.Signal, finding.Segment, finding.Automation, finding.Severity, AlertStatus.Firing, finding.Value,
            finding.Threshold, finding.RecordIds, now, now, LastNotifiedAt: null, Notifications: 0, ResolvedAt: null, SilencedBy: null);
        var silence = SilenceFor(alert, active);
        return silence is null
            ? new AlertDecision(alert with { LastNotifiedAt = now, Notifications = 1 }, AlertChange.Opened, Notify: true)
            : new AlertDecision(alert with { SilencedBy = silence.Id }, AlertChange.Opened, Notify: false);
    }

    private AlertDecision Continue(Alert existing, Finding finding, DateTimeOffset now, List<Silence> active)
    {
        var refreshed = existing with
        {
            Severity = finding.Severity > existing.Severity ? finding.Severity : existing.Severity,
            Value = finding.Value,
            Threshold = finding.Threshold,
            RecordIds = finding.RecordIds,
            LastSeenAt = now,
        };
        var silence = SilenceFor(existing, active);
        if (silence is not null)
        {
            return new AlertDecision(refreshed with { SilencedBy = silence.Id }, AlertChange.Updated, Notify: false);
        }

        var change = finding.Severity > existing.Severity ? AlertChange.Escalated
            : existing.SilencedBy is not null ? AlertChange.Repeated
            : existing.Status == AlertStatus.Firing && (existing.LastNotifiedAt is null || now - existing.LastNotifiedAt >= options.RepeatInterval) ? AlertChange.Repeated
            : AlertChange.Updated;
        if (change == AlertChange.Escalated)
        {
            // A rise in severity needs eyes again, even from whoever acknowledged the lower one.
            refreshed = refreshed with { Status = AlertStatus.Firing };
        }

        var notify = change != AlertChange.Updated;
        return new AlertDecision(
            notify ? refreshed with { SilencedBy = null, LastNotifiedAt = now, Notifications = existing.Notifications + 1 } : refreshed with { SilencedBy = null },
            change,
            notify);
    }

    private static Silence? SilenceFor(Alert alert, List<Silence> active) =>
        active.Where(s => s.Matches(alert)).OrderByDescending(s => s.ExpiresAt).ThenBy(s => s.Id, StringComparer.Ordinal).FirstOrDefault();
}
