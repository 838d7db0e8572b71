using CrmSignalWorker.Core.Changes;

namespace CrmSignalWorker.Core.Sla;

/// <summary>One event of a clock: what happened (<see cref="WorkflowEventType.SlaStarted"/> … <see cref="WorkflowEventType.SlaBreach"/>), when, and the clock after it.</summary>
public sealed record SlaTransition(WorkflowEventType Kind, DateTimeOffset At, SlaReading Reading);
