using System.Globalization;
using CrmSignalWorker.Core.Calendars;
using CrmSignalWorker.Core.Changes;

namespace CrmSignalWorker.Core.Sla;

/// <summary>
/// One record's clock under one policy: start, pause, resume, stop, and the breach when the policy's target of business
/// time is used up. Every transition first emits a breach that fell due before it, so a write that arrives after the due
/// instant still finds the breach in its place in time. A transition dated before the clock's last one (a write stored
/// late) takes effect at the last one: the clock never runs backwards.
/// </summary>
public sealed class SlaClock
{
    private readonly BusinessCalendar _calendar;

    public SlaClock(SlaPolicy policy, BusinessCalendar calendar, SlaClockSnapshot state)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(state);
        Policy = policy;
        _calendar = calendar;
        ObjectName = state.ObjectName;
        RecordId = state.RecordId;
        Market = state.Market;
        StartedAt = state.StartedAt;
        Status = state.Status;
        Elapsed = state.Elapsed;
        Since = state.Since;
        BreachedAt = state.BreachedAt;
    }

    public SlaPolicy Policy { get; }

    public string ObjectName { get; }

    public string RecordId { get; }

    public string Market { get; }

    public DateTimeOffset StartedAt { get; }

    public SlaClockStatus Status { get; private set; }

    public TimeSpan Elapsed { get; private set; }

    public DateTimeOffset Since { get; private set; }

    public DateTimeOffset? BreachedAt { get; private set; }

    public bool IsOpen => Status != SlaClockStatus.Stopped;

    /// <summary>When the target is used up if the clock keeps running; null while paused, stopped or once breached.</summary>
    public DateTimeOffset? DueAt => Status == SlaClockStatus.Running && BreachedAt is null
        ? _calendar.AddBusinessTime(Since, Policy.Target - Elapsed)
        : null;

    public SlaClockState State => Status switch
    {
        SlaClockStatus.Paused => SlaClockState.Paused,
        SlaClockStatus.Stopped => SlaClockState.Stopped,
        _ => BreachedAt is null ? SlaClockState.Running : SlaClockState.Breached,
    };

    /// <summary>Identifies this run of the clock: a record that re-enters the state later gets a new one.</summary>
    public string Id => string.Create(CultureInfo.InvariantCulture, $"sla:{Policy.Name}:{ObjectName}:{RecordId}:{StartedAt.ToUnixTimeMilliseconds()}");

    /// <summary>A clock that starts running at <paramref name="at"/>.</summary>
    public static SlaClock Start(SlaPolicy policy, BusinessCalendar calendar, string objectName, string recordId, string market, DateTimeOffset at, out SlaTransition started)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var clock = new SlaClock(policy, calendar, new SlaClockSnapshot(policy.Name, objectName, recordId, market, at, SlaClockStatus.Running, TimeSpan.Zero, at, null, null));
        started = clock.Transition(WorkflowEventType.SlaStarted, at);
        return clock;
    }

    public SlaClockSnapshot Snapshot() => new(Policy.Name, ObjectName, RecordId, Market, StartedAt, Status, Elapsed, Since, BreachedAt, DueAt);

    public IReadOnlyList<SlaTransition> Pause(DateTimeOffset at)
    {
        if (Status != SlaClockStatus.Running)
        {
            return [];
        }

        var events = BreachBefore(at = Clamp(at));
        Accrue(at);
        Status = SlaClockStatus.Paused;
        return [.. events, Transition(WorkflowEventType.SlaPaused, at)];
    }

    public IReadOnlyList<SlaTransition> Resume(DateTimeOffset at)
    {
        if (Status != SlaClockStatus.Paused)
        {
            return [];
        }

        at = Clamp(at);
        Since = at;
        Status = SlaClockStatus.Running;
        return [Transition(WorkflowEventType.SlaResumed, at)];
    }

    public IReadOnlyList<SlaTransition> Stop(DateTimeOffset at)
    {
        if (Status == SlaClockStatus.Stopped)
        {
            return [];
        }

        var events = BreachBefore(at = Clamp(at));
        if (Status == SlaClockStatus.Running)
        {
            Accrue(at);
        }

        Status = SlaClockStatus.Stopped;
        return [.. events, Transition(WorkflowEventType.SlaStopped, at)];
    }

    /// <summary>The breach, if the target is used up at or before <paramref name="limit"/> with nothing having stopped the clock.</summary>
    public IReadOnlyList<SlaTransition> BreachIfDue(DateTimeOffset limit) => DueAt is { } due && due <= limit ? [Breach(due)] : [];

    /// <summary>A breach strictly before a transition: one exactly at the due instant used the target without exceeding it.</summary>
    private IReadOnlyList<SlaTransition> BreachBefore(DateTimeOffset at) => DueAt is { } due && due < at ? [Breach(due)] : [];

    private SlaTransition Breach(DateTimeOffset due)
    {
        Elapsed = Policy.Target;
        Since = due;
        BreachedAt = due;
        return Transition(WorkflowEventType.SlaBreach, due);
    }

    private void Accrue(DateTimeOffset at)
    {
        Elapsed += _calendar.BusinessTimeBetween(Since, at);
        Since = at;
    }

    private DateTimeOffset Clamp(DateTimeOffset at) => at < Since ? Since : at;

    private SlaTransition Transition(WorkflowEventType kind, DateTimeOffset at)
    {
        var remaining = Policy.Target - Elapsed;
        return new SlaTransition(kind, at, new SlaReading(Policy.Name, State, Elapsed, remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, DueAt));
    }
}
