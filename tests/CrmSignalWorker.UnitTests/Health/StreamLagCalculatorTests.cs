using CrmSignalWorker.Health;
using CrmSignalWorker.Salesforce.PubSub;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CrmSignalWorker.UnitTests.Health;

/// <summary>Stream lag counts from the later of the newest stored event and the last keep-alive.</summary>
public sealed class StreamLagCalculatorTests
{
    private const string Topic = "/data/OpportunityChangeEvent";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly PubSubStreamActivity _activity = new();

    private StreamLagCalculator Create(string? endpoint = "https://api.pubsub.example.test:7443")
    {
        var options = new PubSubOptions { Endpoint = endpoint is null ? null : new Uri(endpoint) };
        options.ApplyDefaults();
        return new StreamLagCalculator(_activity, Options.Create(options), _time);
    }

    [Fact]
    public void QuietStream_WithARecentKeepAlive_IsNotBehind()
    {
        var calculator = Create();
        var watermark = _time.GetUtcNow() - TimeSpan.FromHours(6);
        _activity.Subscribed(Topic, _time.GetUtcNow() - TimeSpan.FromMinutes(5));
        _activity.CaughtUp(Topic, _time.GetUtcNow() - TimeSpan.FromSeconds(30));

        var lag = calculator.Of(Topic, watermark);

        Assert.Equal(TimeSpan.FromSeconds(30), lag.Lag);
        Assert.Equal(watermark, lag.Watermark);
    }

    [Fact]
    public void StreamWithoutKeepAlive_IsBehindByItsNewestStoredEvent()
    {
        var calculator = Create();
        _activity.Subscribed(Topic, _time.GetUtcNow() - TimeSpan.FromMinutes(40));

        var lag = calculator.Of(Topic, _time.GetUtcNow() - TimeSpan.FromMinutes(40));

        Assert.Equal(TimeSpan.FromMinutes(40), lag.Lag);
        Assert.Null(lag.Activity.CaughtUpAt);
    }

    [Fact]
    public void EventsNewerThanTheLastKeepAlive_Count()
    {
        var calculator = Create();
        _activity.CaughtUp(Topic, _time.GetUtcNow() - TimeSpan.FromHours(1));

        Assert.Equal(TimeSpan.FromSeconds(5), calculator.Of(Topic, _time.GetUtcNow() - TimeSpan.FromSeconds(5)).Lag);
    }

    [Fact]
    public void StreamWithNothingKnown_IsMeasuredFromWhenWatchingBegan()
    {
        var calculator = Create();
        _time.Advance(TimeSpan.FromMinutes(20));

        Assert.Equal(TimeSpan.FromMinutes(20), calculator.Of(Topic, watermark: null).Lag);
    }

    [Fact]
    public void Topics_AreTheConfiguredChannels_OrNoneWhenStreamsAreOff()
    {
        Assert.Equal([.. PubSubOptions.DefaultTopics, "/event/Workflow_Event__e"], Create().Topics);
        Assert.Empty(Create(endpoint: null).Topics);
    }
}
