using CrmSignalWorker.Core.Changes;

namespace CrmSignalWorker.Core.Actors;

/// <summary>A user as classified for attribution.</summary>
public sealed record Actor(string Id, string Name, ActorKind Kind, string? Team, string Market)
{
    public const string UnknownMarket = "unassigned";

    public static Actor Unknown(string id) => new(id, id, ActorKind.Unknown, null, UnknownMarket);
}
