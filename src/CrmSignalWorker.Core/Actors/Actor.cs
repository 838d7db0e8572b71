using CrmSignalWorker.Core.Changes;

namespace CrmSignalWorker.Core.Actors;

/// <summary>A user as classified for attribution.</summary>
public sealed record Actor(string Id, string Name, ActorKind Kind, string? Team, string Market)
{
    public const string UnknownMarket = "unassigned";

    /// <summary>What settled the kind, e.g. <c>UserType=AutomatedProcess</c> or <c>profile 'Sales User' mapped to human</c>.</summary>
    public string? KindEvidence { get; init; }

    public static Actor Unknown(string id) => new(id, id, ActorKind.Unknown, null, UnknownMarket) { KindEvidence = "user not in the directory" };
}
