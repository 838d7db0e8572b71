using System.Collections.Concurrent;

namespace CrmSignalWorker.Salesforce.PubSub;

/// <summary>What one topic's stream last showed in this process.</summary>
/// <param name="SubscribedAt">The latest Subscribe call; null when this process never subscribed to the topic.</param>
/// <param name="CaughtUpAt">The latest empty FetchResponse (a keep-alive): the server had nothing newer to send then.</param>
public sealed record PubSubStreamState(DateTimeOffset? SubscribedAt, DateTimeOffset? CaughtUpAt);

/// <summary>
/// When each stream of this process last subscribed and last heard it was caught up. The stored watermark is the
/// commit time of the newest event, which stops moving when an org is quiet; a keep-alive is the server saying
/// nothing newer exists, so together they tell a quiet stream from a stuck one. Shared by every subscriber.
/// </summary>
public sealed class PubSubStreamActivity
{
    private readonly ConcurrentDictionary<string, PubSubStreamState> _topics = new(StringComparer.Ordinal);

    public void Subscribed(string topic, DateTimeOffset at) =>
        _topics.AddOrUpdate(topic, static (_, at) => new PubSubStreamState(at, null), static (_, state, at) => state with { SubscribedAt = at }, at);

    public void CaughtUp(string topic, DateTimeOffset at) =>
        _topics.AddOrUpdate(topic, static (_, at) => new PubSubStreamState(null, at), static (_, state, at) => state with { CaughtUpAt = at }, at);

    /// <summary>What <paramref name="topic"/> showed; both times are null when this process never streamed it.</summary>
    public PubSubStreamState Of(string topic) => _topics.TryGetValue(topic, out var state) ? state : new PubSubStreamState(null, null);
}
