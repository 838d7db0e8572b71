namespace CrmSignalWorker.Core.Sla;

/// <summary>Whether a clock accrues business time. Breaching does not stop it: a breached clock runs on until it stops.</summary>
public enum SlaClockStatus
{
    Running = 0,
    Paused = 1,
    Stopped = 2,
}
