using CrmSignalWorker.Core.Changes;

namespace CrmSignalWorker.Core.Normalization;

/// <summary>
/// Settles the write path of a history row. Field history has no origin field, so only the actor can
/// settle it; a human's write could be UI or API and stays <see cref="Channel.Unknown"/> rather than guessed.
/// </summary>
public static class ChannelClassifier
{
    public static Channel ForHistory(ActorKind actorKind) => actorKind switch
    {
        ActorKind.Integration => Channel.Api,
        ActorKind.Automation => Channel.Automation,
        _ => Channel.Unknown,
    };
}
