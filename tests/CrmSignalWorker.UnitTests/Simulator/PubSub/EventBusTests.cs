using CrmSignalWorker.Simulator.PubSub;

namespace CrmSignalWorker.UnitTests.Simulator.PubSub;

public sealed class EventBusTests
{
    private static readonly DateTimeOffset s_now = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);
    private static readonly TopicDefinition s_opportunities = Topic(PubSubTopics.OpportunityChangeEvent);
    private static readonly TopicDefinition s_all = Topic(PubSubTopics.ChangeEvents);

    [Fact]
    public void Publish_ManyEvents_ReplayIdsIncreaseWithGaps()
    {
        var bus = CreateSut(seed: 1);

        var ids = Enumerable.Range(0, 200).Select(i => bus.Publish(Draft("Opportunity", s_now.AddMinutes(-i))).ReplayId).ToList();

        Assert.All(ids.Zip(ids.Skip(1)), pair => Assert.True(pair.Second - pair.First >= 2, $"{pair.First} -> {pair.Second}"));
    }

    [Fact]
    public void Publish_SameSeed_SameReplayIdsEventIdsAndSchemaIds()
    {
        var first = CreateSut(seed: 9);
        var second = CreateSut(seed: 9);
        var other = CreateSut(seed: 10);

        var a = Enumerable.Range(0, 5).Select(_ => first.Publish(Draft("Lead", s_now))).ToList();
        var b = Enumerable.Range(0, 5).Select(_ => second.Publish(Draft("Lead", s_now))).ToList();
        var c = Enumerable.Range(0, 5).Select(_ => other.Publish(Draft("Lead", s_now))).ToList();

        Assert.Equal(a.Select(e => (e.ReplayId, e.EventId, e.SchemaId)), b.Select(e => (e.ReplayId, e.EventId, e.SchemaId)));
        Assert.Equal(a.Select(e => e.Payload), b.Select(e => e.Payload));
        Assert.NotEqual(a.Select(e => e.ReplayId), c.Select(e => e.ReplayId));
        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", a[0].EventId);
    }

    [Fact]
    public void Read_TopicAndRetention_ServesOnlyRetainedEventsOfTheTopic()
    {
        var bus = CreateSut(seed: 1);
        var expired = bus.Publish(Draft("Opportunity", s_now.AddHours(-73)));
        var lead = bus.Publish(Draft("Lead", s_now.AddHours(-2)));
        var opportunity = bus.Publish(Draft("Opportunity", s_now.AddHours(-1)));

        var read = bus.Read(s_opportunities, after: 0, max: 10, s_now, keepAliveDue: false);
        var all = bus.Read(s_all, after: 0, max: 10, s_now, keepAliveDue: false);

        Assert.Equal([opportunity.ReplayId], read.Events.Select(e => e.ReplayId));
        Assert.Equal([lead.ReplayId, opportunity.ReplayId], all.Events.Select(e => e.ReplayId));
        Assert.DoesNotContain(expired.ReplayId, all.Events.Select(e => e.ReplayId));
        Assert.Single(bus.Read(s_all, after: 0, max: 1, s_now, keepAliveDue: false).Events);
    }

    [Fact]
    public void Read_NoEventsAndKeepAliveDue_ReturnsPositionAheadOfLastEvent()
    {
        var bus = CreateSut(seed: 1);
        var last = bus.Publish(Draft("Opportunity", s_now));

        var idle = bus.Read(s_opportunities, last.ReplayId, 10, s_now, keepAliveDue: false);
        var keepAlive = bus.Read(s_opportunities, last.ReplayId, 10, s_now, keepAliveDue: true);
        var next = bus.Publish(Draft("Opportunity", s_now));

        Assert.Null(idle.KeepAliveReplayId);
        Assert.Empty(keepAlive.Events);
        Assert.True(keepAlive.KeepAliveReplayId > last.ReplayId);
        Assert.True(next.ReplayId > keepAlive.KeepAliveReplayId);
        Assert.Equal(ReplayCheck.Valid, bus.Check(keepAlive.KeepAliveReplayId!.Value, s_now));
        Assert.Equal([next.ReplayId], bus.Read(s_opportunities, keepAlive.KeepAliveReplayId.Value, 10, s_now, false).Events.Select(e => e.ReplayId));
    }

    [Fact]
    public void Read_PendingEventOfOtherTopicOnly_KeepAliveSkipsNothingOfThisTopic()
    {
        var bus = CreateSut(seed: 1);
        var start = bus.Tip;
        bus.Publish(Draft("Lead", s_now));

        var keepAlive = bus.Read(s_opportunities, start, 10, s_now, keepAliveDue: true);

        Assert.NotNull(keepAlive.KeepAliveReplayId);
        Assert.Single(bus.Read(s_all, start, 10, s_now, false).Events);
    }

    [Fact]
    public void Check_UnknownExpiredAndValidIds()
    {
        var bus = CreateSut(seed: 1);
        var old = bus.Publish(Draft("Opportunity", s_now.AddHours(-80)));
        var fresh = bus.Publish(Draft("Opportunity", s_now.AddHours(-1)));

        Assert.Equal(ReplayCheck.Expired, bus.Check(old.ReplayId, s_now));
        Assert.Equal(ReplayCheck.Valid, bus.Check(fresh.ReplayId, s_now));
        Assert.Equal(ReplayCheck.Unknown, bus.Check(fresh.ReplayId - 1, s_now));
        Assert.Equal(ReplayCheck.Unknown, bus.Check(0, s_now));
        Assert.Equal(ReplayCheck.Unknown, bus.Check(fresh.ReplayId + 1000, s_now));
    }

    private static EventBus CreateSut(int seed) =>
        new(seed, new SchemaRegistry(), new DeterministicIds(seed), TimeSpan.FromHours(72));

    private static TopicDefinition Topic(string name)
    {
        Assert.True(TopicDefinition.TryFind(name, out var topic));
        return topic;
    }

    private static ChangeEventDraft Draft(string entity, DateTimeOffset at) => new(
        entity, ["001000000000001AAA"], ChangeType.Update, new Dictionary<string, object?> { ["LastModifiedDate"] = at.ToUnixTimeMilliseconds() },
        ["LastModifiedDate"], [], "", "key", 1, at, 1, "005000000000001AAA");
}
