namespace CrmSignalWorker.Core.Changes;

public enum WorkflowEventType
{
    StageChange = 0,
    Handoff = 1,

    /// <summary>A Flow told someone to act (an email, a task, a Slack ping): a step that can trigger rushed writes.</summary>
    Notification = 2,

    SlaBreach = 3,

    RecordCreated = 4,

    // SLA clocks and incentive milestones, derived by the worker from stored writes (see docs/architecture.md).
    // Numbered from 20 so values added elsewhere meanwhile cannot collide.
    SlaStarted = 20,
    SlaPaused = 21,
    SlaResumed = 22,
    SlaStopped = 23,

    /// <summary>A record reached the commit milestone (a configured forecast category or stage).</summary>
    EnteredCommit = 24,

    /// <summary>A record in commit when its incentive period's final days began, or that entered commit during them.</summary>
    PeriodFinalDays = 25,
    // Attribution's types are numbered from 10 (SLA and incentive types from 20), so branches can add theirs without clashing.

    /// <summary>Records were merged: the survivor's event, linking the merged-away record when that is known.</summary>
    RecordMerged = 10,
}
