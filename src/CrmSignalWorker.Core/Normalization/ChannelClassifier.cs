using CrmSignalWorker.Core.Changes;

namespace CrmSignalWorker.Core.Normalization;

/// <summary>
/// Settles the write path of a history row. Field history has no origin field, so only the actor can settle it, and only
/// by inference; a human's write could be UI or API and stays <see cref="Channel.Unknown"/> rather than guessed. When the
/// same write also arrives by CDC, its changeOrigin replaces this (see ChangeStore's reconciliation).
/// </summary>
public static class ChannelClassifier
{
    public static ChannelAttribution ForHistory(ActorKind actorKind) => actorKind switch
    {
        ActorKind.Integration => new(Channel.Api, null, null, AttributionConfidence.Inferred, "history row; actor is integration user"),
        ActorKind.Automation => new(Channel.Automation, null, null, AttributionConfidence.Inferred, "history row; actor is automation user"),
        ActorKind.Human => ChannelAttribution.Unsettled("history has no origin; actor is human"),
        ActorKind.System => ChannelAttribution.Unsettled("history has no origin; actor is a system user"),
        _ => ChannelAttribution.Unsettled("history has no origin; actor unknown"),
    };
}
