namespace CrmSignalWorker.Core.Workflow;

/// <summary>What an OwnerId value names. Records are owned by users (005…) or queues (00G…, a Group of type Queue).</summary>
public static class OwnerIds
{
    private const string QueuePrefix = "00G";

    public static bool IsQueue(string? ownerId) => ownerId is not null && ownerId.StartsWith(QueuePrefix, StringComparison.Ordinal);

    public static HandoffKind HandoffOf(string? before, string? after)
    {
        if (string.IsNullOrEmpty(before) || string.IsNullOrEmpty(after))
        {
            return HandoffKind.Unknown;
        }

        return (IsQueue(before), IsQueue(after)) switch
        {
            (false, false) => HandoffKind.UserToUser,
            (false, true) => HandoffKind.UserToQueue,
            (true, false) => HandoffKind.QueueToUser,
            _ => HandoffKind.QueueToQueue,
        };
    }
}
