namespace CrmSignalWorker.Salesforce.Limits;

/// <summary>Why the budget guard is holding work back, if it is.</summary>
public enum BudgetPause
{
    None,

    /// <summary>Usage is at or above Salesforce:ApiBudgetShare of the allocation: non-essential polling waits.</summary>
    ShareExceeded,

    /// <summary>Salesforce answered REQUEST_LIMIT_EXCEEDED: all polling waits until GET /limits shows calls remaining.</summary>
    LimitExceeded,
}
