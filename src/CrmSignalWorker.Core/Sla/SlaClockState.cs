namespace CrmSignalWorker.Core.Sla;

/// <summary>The state an SLA event reports: running, paused, stopped, or running past its target (breached).</summary>
public enum SlaClockState
{
    Running = 0,
    Paused = 1,
    Stopped = 2,
    Breached = 3,
}
