namespace CrmSignalWorker.Core.Workflow;

/// <summary>Which way a stage change moved along the object's configured stage order.</summary>
public enum StageDirection
{
    /// <summary>No order is configured for the object, a stage is not in it, or the stage before is not known yet (CDC alone).</summary>
    Unknown = 0,

    /// <summary>To the next open stage.</summary>
    Forward = 1,

    /// <summary>Forward past one or more open stages; <see cref="StageMovement.StagesSkipped"/> says how many.</summary>
    Skip = 2,

    /// <summary>To an earlier open stage.</summary>
    Backward = 3,

    /// <summary>To a closed stage (won or lost), from an open one or from the other closed one.</summary>
    Closed = 4,

    /// <summary>From a closed stage back to an open one.</summary>
    Reopened = 5,
}
