namespace CrmSignalWorker.Core.Workflow;

/// <summary>Between whom a record was handed: users and queues (queue ids start with 00G).</summary>
public enum HandoffKind
{
    /// <summary>The owner before is not known yet: CDC carries no old values until history supplies them.</summary>
    Unknown = 0,
    UserToUser = 1,
    UserToQueue = 2,
    QueueToUser = 3,
    QueueToQueue = 4,
}
