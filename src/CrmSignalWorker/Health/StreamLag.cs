using CrmSignalWorker.Salesforce.PubSub;
using Microsoft.Extensions.Options;

namespace CrmSignalWorker.Health;

/// <summary>How far one change stream is behind, and what that is measured from.</summary>
/// <param name="Watermark">Commit time of the newest stored event of the stream.</param>
/// <param name="Activity">What the stream showed in this process (subscription, last keep-alive).</param>
public sealed record StreamLag(string Topic, TimeSpan Lag, DateTimeOffset? Watermark, PubSubStreamState Activity);

/// <summary>
/// Lag of a change stream: the time since it was last known to be current. That is the later of the newest
/// stored event's commit time and the last keep-alive, because a keep-alive says the server had nothing newer;
/// a quiet org therefore shows no lag while a stuck stream's lag keeps growing. A stream with neither (never
/// stored anything, no keep-alive yet) is measured from when this process started watching.
/// </summary>
public sealed class StreamLagCalculator(PubSubStreamActivity activity, IOptions<PubSubOptions> pubSub, TimeProvider timeProvider)
{
    private readonly DateTimeOffset _watchingSince = timeProvider.GetUtcNow();

    /// <summary>The channels this worker streams; none when PubSub:Endpoint is unset.</summary>
    public IReadOnlyList<string> Topics => pubSub.Value.Enabled ? pubSub.Value.AllTopics : [];

    public StreamLag Of(string topic, DateTimeOffset? watermark)
    {
        var state = activity.Of(topic);
        var current = Latest(watermark, state.CaughtUpAt) ?? _watchingSince;
        var lag = timeProvider.GetUtcNow() - current;
        return new StreamLag(topic, lag < TimeSpan.Zero ? TimeSpan.Zero : lag, watermark, state);
    }

    private static DateTimeOffset? Latest(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;
}
