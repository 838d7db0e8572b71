namespace CrmSignalWorker.Core.Actors;

/// <summary>An in-memory snapshot of classified users, looked up by id during normalization.</summary>
public sealed class ActorDirectory
{
    private readonly Dictionary<string, Actor> _byId;

    public ActorDirectory(IEnumerable<Actor> actors)
    {
        ArgumentNullException.ThrowIfNull(actors);
        _byId = new Dictionary<string, Actor>(StringComparer.Ordinal);
        foreach (var actor in actors)
        {
            _byId[actor.Id] = actor;
            // History rows may carry the 15-character form of an 18-character id.
            if (actor.Id.Length == 18)
            {
                _byId.TryAdd(actor.Id[..15], actor);
            }
        }
    }

    public int Count => _byId.Count;

    public Actor Resolve(string userId) =>
        _byId.TryGetValue(userId, out var actor) ? actor : Actor.Unknown(userId);

    public bool Contains(string userId) => _byId.ContainsKey(userId);
}
