using CrmSignalWorker.Core.Actors;
using CrmSignalWorker.Core.Changes;
using CrmSignalWorker.Core.Normalization;
using CrmSignalWorker.Salesforce.PubSub;
using CrmSignalWorker.Simulator;
using CrmSignalWorker.Simulator.PubSub;
using Grpc.Core;
using ChangeType = CrmSignalWorker.Simulator.PubSub.ChangeType;
using SimErrorCodes = CrmSignalWorker.Simulator.PubSub.PubSubErrorCodes;

// Not CrmSignalWorker.IntegrationTests.Salesforce.PubSub: a namespace named ...IntegrationTests.Salesforce would capture
// the relative Salesforce.* names other test folders use for CrmSignalWorker.Salesforce.
namespace CrmSignalWorker.IntegrationTests.SalesforcePubSub;

/// <summary>The Pub/Sub subscriber against the simulated org's gRPC server: decoding, replay, flow control and failure paths.</summary>
public sealed class PubSubSubscriberTests
{
    private const string Opportunities = PubSubTopics.OpportunityChangeEvent;
    private const string Leads = PubSubTopics.LeadChangeEvent;
    private const string MarketoOrigin = "com/salesforce/api/rest/62.0;client=MarketoSync";

    private static SimulatedOrgOptions OrgOptions(Action<SimulatedOrgOptions>? configure = null)
    {
        var options = new SimulatedOrgOptions
        {
            Days = 10,
            Opportunities = 30,
            Leads = 20,
            // Everything the scenario wrote stays retained unless a test shortens it.
            EventRetention = TimeSpan.FromDays(400),
            KeepAliveInterval = TimeSpan.FromMilliseconds(250),
        };
        configure?.Invoke(options);
        return options;
    }

    private static List<PublishedChangeEvent> EventsOf(SimulatedOrg org, string entity) =>
        [.. org.PubSub.Events.Where(e => e.Entity == entity)];

    private static ulong[] Ids(IEnumerable<byte[]> replayIds) => [.. replayIds.Select(id => ReplayId.ToUInt64(id))];

    private static string Symbol(ChangeType type) =>
        string.Concat(type.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : c.ToString())).ToUpperInvariant();

    private static async Task EventuallyAsync(Func<bool> condition, string what)
    {
        var deadline = TimeProvider.System.GetUtcNow() + TimeSpan.FromSeconds(20);
        while (!condition())
        {
            Assert.True(TimeProvider.System.GetUtcNow() < deadline, $"Timed out waiting until {what}.");
            await Task.Delay(10);
        }
    }

    /// <summary>A keep-alive has arrived, so the LATEST position is fixed and a publish from now on is delivered.</summary>
    private static Task EstablishedAsync(SubscriptionProbe probe) =>
        EventuallyAsync(() => probe.Subscriber.LatestReplayId is not null, "the subscription received a keep-alive");

    private static ChangeEventSpec LeadUpdate(SimulatedOrg org, Dictionary<string, object?> fields) => new()
    {
        Entity = "Lead",
        RecordIds = [org.Scenario.Leads[0].Id],
        Fields = fields,
        ChangeOrigin = MarketoOrigin,
    };

    private static ChangeEventSpec OpportunityUpdate(SimulatedOrg org, string stage) => new()
    {
        Entity = "Opportunity",
        RecordIds = [org.Scenario.Opportunities[0].Id],
        Fields = new Dictionary<string, object?> { ["StageName"] = stage },
        ChangeOrigin = "com/salesforce/api/soap/62.0;client=SfdcInternalAPI/",
    };

    [Fact]
    public async Task SubscribeAsync_Earliest_ReceivesEveryScenarioEventDecodedInReplayOrder()
    {
        var orgOptions = OrgOptions();
        await using var org = await SimulatedOrg.StartAsync(orgOptions);
        // A small batch makes the subscriber grant credit many times over the backlog.
        using var client = new PubSubTestClient(org, orgOptions, o => o.BatchSize = 7);
        var expected = EventsOf(org, "Opportunity");
        Assert.True(expected.Count > 30, $"The scenario should publish a backlog; it published {expected.Count}.");

        await using var probe = client.Subscribe(Opportunities, ReplayStart.Earliest);
        var received = await probe.TakeAsync(expected.Count);

        Assert.Equal(Ids(expected.Select(e => e.ReplayId)), Ids(received.Select(e => e.ReplayId)));
        foreach (var (published, decoded) in expected.Zip(received))
        {
            var header = decoded.Header;
            Assert.Equal(Opportunities, decoded.Topic);
            Assert.Equal(published.EventId, decoded.EventId);
            Assert.Equal(published.SchemaId, decoded.SchemaId);
            Assert.Equal("Opportunity", header.EntityName);
            Assert.Equal(published.RecordIds, header.RecordIds);
            Assert.Equal(Symbol(published.ChangeType), header.ChangeType);
            Assert.Equal(published.ChangeOrigin, header.ChangeOrigin);
            Assert.Equal(published.TransactionKey, header.TransactionKey);
            Assert.Equal(published.SequenceNumber, header.SequenceNumber);
            Assert.Equal(published.CommitTimestamp, header.CommitTimestamp);
            Assert.Equal(published.CommitNumber, header.CommitNumber);
            Assert.Equal(published.CommitUser, header.CommitUser);
            Assert.Equal(header.ChangedFields.Concat(header.NulledFields).ToHashSet(), decoded.Fields.Keys.ToHashSet());
            if (published.ChangeType == ChangeType.Update)
            {
                Assert.Contains("LastModifiedDate", header.ChangedFields);
            }
            else
            {
                Assert.Empty(header.ChangedFields);
            }
        }

        Assert.True(await probe.StaysQuietAsync(TimeSpan.FromMilliseconds(500)), "Nothing beyond the backlog was published.");
        AssertStageValuesMatchHistory(org, received);
        AssertChannelInputs(org, received);
        Assert.True(client.Schemas.Count == 1, "One schema id serves the whole backlog, fetched once.");
    }

    [Fact]
    public async Task SubscribeAsync_LeadBacklog_ClassifiesEachOriginTheWayTheOrgWroteIt()
    {
        var orgOptions = OrgOptions();
        await using var org = await SimulatedOrg.StartAsync(orgOptions);
        using var client = new PubSubTestClient(org, orgOptions);
        var expected = EventsOf(org, "Lead");

        await using var probe = client.Subscribe(Leads, ReplayStart.Earliest);
        var received = await probe.TakeAsync(expected.Count);

        Assert.Equal(Ids(expected.Select(e => e.ReplayId)), Ids(received.Select(e => e.ReplayId)));
        AssertChannelInputs(org, received);
    }

    [Fact]
    public async Task SubscribeAsync_AfterAReplayId_ReceivesOnlyStrictlyLaterEvents()
    {
        var orgOptions = OrgOptions();
        await using var org = await SimulatedOrg.StartAsync(orgOptions);
        using var client = new PubSubTestClient(org, orgOptions);
        var expected = EventsOf(org, "Opportunity");
        var resumeAt = expected.Count / 2;

        await using var probe = client.Subscribe(Opportunities, ReplayStart.After(expected[resumeAt].ReplayId));
        var received = await probe.TakeAsync(expected.Count - resumeAt - 1);

        Assert.Equal(Ids(expected.Skip(resumeAt + 1).Select(e => e.ReplayId)), Ids(received.Select(e => e.ReplayId)));
        Assert.True(await probe.StaysQuietAsync(TimeSpan.FromMilliseconds(500)));
    }

    [Fact]
    public async Task SubscribeAsync_Latest_ReceivesALiveChangeWithCompoundAndNulledFields()
    {
        var orgOptions = OrgOptions();
        await using var org = await SimulatedOrg.StartAsync(orgOptions);
        using var client = new PubSubTestClient(org, orgOptions);
        await using var probe = client.Subscribe(Leads, ReplayStart.Latest);
        await EstablishedAsync(probe);

        var replayId = org.PubSub.PublishChange(LeadUpdate(org, new Dictionary<string, object?>
        {
            ["Name.FirstName"] = "Ada",
            ["Status"] = "Working - Contacted",
            ["LeadSource"] = null,
        }));
        var live = await probe.NextAsync();

        Assert.Equal(replayId, live.ReplayId);
        Assert.Equal(ChangeEventTypes.Update, live.Header.ChangeType);
        Assert.Contains("Name.FirstName", live.Header.ChangedFields);
        Assert.Contains("Status", live.Header.ChangedFields);
        Assert.Equal(["LeadSource"], live.Header.NulledFields);
        Assert.Equal("Ada", live.Fields["Name.FirstName"]);
        Assert.Equal("Working - Contacted", live.Fields["Status"]);
        Assert.Null(live.Fields["LeadSource"]);
        var batch = CdcNormalizer.Normalize(live, new ActorDirectory([]));
        Assert.All(batch.FieldChanges, c => Assert.Equal((Channel.Api, "MarketoSync"), (c.Channel, c.ClientName)));
        Assert.Single(batch.WorkflowEvents);
    }

    [Fact]
    public async Task SubscribeAsync_SilentStream_IsTornDownAndResumedWithoutLosingOrRepeatingEvents()
    {
        var orgOptions = OrgOptions();
        await using var org = await SimulatedOrg.StartAsync(orgOptions);
        using var client = new PubSubTestClient(org, orgOptions);
        var backlog = EventsOf(org, "Opportunity");
        await using var probe = client.Subscribe(Opportunities, ReplayStart.Earliest);
        var received = await probe.TakeAsync(backlog.Count);

        org.Faults.PubSub.SilenceStreams();
        var first = org.PubSub.PublishChange(OpportunityUpdate(org, "Negotiation/Review"));
        var second = org.PubSub.PublishChange(OpportunityUpdate(org, "Closed Won"));
        await EventuallyAsync(() => probe.Subscriber.SilenceTimeouts >= 1, "the subscriber noticed the silent stream");
        org.Faults.PubSub.Resume();
        received.AddRange(await probe.TakeAsync(2));

        Assert.Equal([.. Ids(backlog.Select(e => e.ReplayId)), ReplayId.ToUInt64(first), ReplayId.ToUInt64(second)], Ids(received.Select(e => e.ReplayId)));
        Assert.True(await probe.StaysQuietAsync(TimeSpan.FromSeconds(1)), "No event may arrive twice.");
        Assert.True(probe.Subscriber.Resubscriptions >= 1);
        Assert.Contains(client.Log.Lines, line => line.Contains(" 1102 ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SubscribeAsync_DroppedStreamsAndUnavailableService_ResumeFromTheLastReplayId()
    {
        var orgOptions = OrgOptions();
        await using var org = await SimulatedOrg.StartAsync(orgOptions);
        using var client = new PubSubTestClient(org, orgOptions, o => o.BatchSize = 10);
        var expected = EventsOf(org, "Opportunity");
        org.Faults.PubSub.FailNextSubscribe(StatusCode.Unavailable, SimErrorCodes.ServiceUnavailable);
        org.Faults.PubSub.FailNextSubscribe(StatusCode.Unavailable, SimErrorCodes.ServiceUnavailable);
        org.Faults.PubSub.DropStreamsAfter(6);

        await using var probe = client.Subscribe(Opportunities, ReplayStart.Earliest);
        var received = await probe.TakeAsync(expected.Count);

        Assert.Equal(Ids(expected.Select(e => e.ReplayId)), Ids(received.Select(e => e.ReplayId)));
        Assert.True(probe.Subscriber.Resubscriptions >= 2 + ((expected.Count - 1) / 6), $"Resubscribed {probe.Subscriber.Resubscriptions} times.");
        var log = client.Log.AllText;
        Assert.Contains(SimErrorCodes.ServiceUnavailable, log, StringComparison.Ordinal);
        Assert.Contains("Unavailable", log, StringComparison.Ordinal);
        org.Faults.PubSub.Reset();
        Assert.True(await probe.StaysQuietAsync(TimeSpan.FromMilliseconds(500)), "No event may arrive twice.");
    }

    [Fact]
    public async Task SubscribeAsync_CorruptedReplayId_ThrowsReplayIdRejectedRatherThanSkippingToLatest()
    {
        var orgOptions = OrgOptions();
        await using var org = await SimulatedOrg.StartAsync(orgOptions);
        using var client = new PubSubTestClient(org, orgOptions);
        var unknown = ReplayId.FromUInt64(123);

        await using var probe = client.Subscribe(Opportunities, ReplayStart.After(unknown));
        var error = Assert.IsType<ReplayIdRejectedException>(await probe.FailureAsync());

        Assert.Equal(SimErrorCodes.ReplayIdCorrupted, error.ErrorCode);
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(unknown, error.ReplayId);
        Assert.Equal(Opportunities, error.Topic);
        Assert.False(string.IsNullOrEmpty(error.RpcId));
        Assert.Contains(error.RpcId!, error.Message, StringComparison.Ordinal);
        AssertNoToken(client, error.ToString() + client.Log.AllText);
    }

    [Fact]
    public async Task SubscribeAsync_ReplayIdOlderThanRetention_ThrowsReplayIdRejected()
    {
        var orgOptions = OrgOptions(o => o.EventRetention = TimeSpan.FromDays(5));
        await using var org = await SimulatedOrg.StartAsync(orgOptions);
        using var client = new PubSubTestClient(org, orgOptions);
        var oldest = EventsOf(org, "Opportunity")[0];
        Assert.True(oldest.CommitTimestamp < TimeProvider.System.GetUtcNow() - TimeSpan.FromDays(6), "The oldest event must lie outside the retention.");

        await using var probe = client.Subscribe(Opportunities, ReplayStart.After(oldest.ReplayId));
        var error = Assert.IsType<ReplayIdRejectedException>(await probe.FailureAsync());

        Assert.Equal(SimErrorCodes.ReplayIdCorrupted, error.ErrorCode);
        Assert.Equal(oldest.ReplayId, error.ReplayId);
    }

    [Fact]
    public async Task SubscribeAsync_DeliveryAllocationUsedUp_ThrowsSubscriptionLimitExceeded()
    {
        var orgOptions = OrgOptions();
        await using var org = await SimulatedOrg.StartAsync(orgOptions);
        using var client = new PubSubTestClient(org, orgOptions);
        org.Faults.PubSub.FailNextSubscribe(StatusCode.ResourceExhausted, SimErrorCodes.SubscriptionLimitExceeded);

        await using var probe = client.Subscribe(Opportunities, ReplayStart.Earliest);
        var error = Assert.IsType<SubscriptionLimitExceededException>(await probe.FailureAsync());

        Assert.Equal(SimErrorCodes.SubscriptionLimitExceeded, error.ErrorCode);
        Assert.Contains("event delivery limit", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubscribeAsync_UnknownTopic_ThrowsPubSubExceptionWithTheSalesforceCode()
    {
        var orgOptions = OrgOptions();
        await using var org = await SimulatedOrg.StartAsync(orgOptions);
        using var client = new PubSubTestClient(org, orgOptions);

        await using var probe = client.Subscribe("/data/AssetChangeEvent", ReplayStart.Latest);
        var error = Assert.IsType<PubSubException>(await probe.FailureAsync());

        Assert.Equal(SimErrorCodes.TopicNotFound, error.ErrorCode);
        Assert.Equal(0, probe.Subscriber.Resubscriptions);
    }

    [Fact]
    public async Task SubscribeAsync_ExpiredTokenAtStart_ReauthenticatesOnceAndSubscribes()
    {
        var orgOptions = OrgOptions();
        await using var org = await SimulatedOrg.StartAsync(orgOptions);
        using var client = new PubSubTestClient(org, orgOptions);
        await client.Tokens.GetTokenAsync(CancellationToken.None);
        org.Faults.ExpireAllTokens();
        var expected = EventsOf(org, "Opportunity");

        await using var probe = client.Subscribe(Opportunities, ReplayStart.Earliest);
        var received = await probe.TakeAsync(expected.Count);

        Assert.Equal(Ids(expected.Select(e => e.ReplayId)), Ids(received.Select(e => e.ReplayId)));
        Assert.Equal(2, client.Tokens.IssuedTokens.Count);
        Assert.Equal(1, client.Tokens.Invalidations);
        Assert.Contains(client.Log.Lines, line => line.Contains(" 1104 ", StringComparison.Ordinal));
        AssertNoToken(client, client.Log.AllText);
    }

    [Fact]
    public async Task SubscribeAsync_TokenExpiresWhileStreaming_ResubscribesWithANewTokenWithoutAGap()
    {
        var orgOptions = OrgOptions();
        await using var org = await SimulatedOrg.StartAsync(orgOptions);
        using var client = new PubSubTestClient(org, orgOptions);
        await using var probe = client.Subscribe(Opportunities, ReplayStart.Latest);
        await EstablishedAsync(probe);
        var a = org.PubSub.PublishChange(OpportunityUpdate(org, "Qualification"));
        var received = new List<ChangeEvent> { await probe.NextAsync() };

        // The open stream keeps its session (as in Salesforce); the next Subscribe call meets the expired token.
        org.Faults.ExpireAllTokens();
        org.Faults.PubSub.DropStreamsAfter(1);
        var b = org.PubSub.PublishChange(OpportunityUpdate(org, "Needs Analysis"));
        received.Add(await probe.NextAsync());
        await EventuallyAsync(() => client.Tokens.IssuedTokens.Count == 2 && probe.Subscriber.Resubscriptions >= 2, "the subscriber resubscribed with a new token");
        org.Faults.PubSub.Reset();
        var c = org.PubSub.PublishChange(OpportunityUpdate(org, "Proposal/Price Quote"));
        received.Add(await probe.NextAsync());

        Assert.Equal([ReplayId.ToUInt64(a), ReplayId.ToUInt64(b), ReplayId.ToUInt64(c)], Ids(received.Select(e => e.ReplayId)));
        Assert.Equal(1, client.Tokens.Invalidations);
        Assert.True(await probe.StaysQuietAsync(TimeSpan.FromMilliseconds(500)));
        AssertNoToken(client, client.Log.AllText);
    }

    [Fact]
    public async Task SubscribeAsync_SchemaChangesMidStream_FetchesTheNewSchemaAndDecodesTheAddedField()
    {
        var orgOptions = OrgOptions();
        await using var org = await SimulatedOrg.StartAsync(orgOptions);
        using var client = new PubSubTestClient(org, orgOptions);
        await using var probe = client.Subscribe(Opportunities, ReplayStart.Latest);
        await EstablishedAsync(probe);

        org.PubSub.PublishChange(OpportunityUpdate(org, "Qualification"));
        var before = await probe.NextAsync();
        var newSchemaId = org.Faults.PubSub.ChangeSchemaNext("Opportunity");
        org.PubSub.PublishChange(OpportunityUpdate(org, "Needs Analysis"));
        var after = await probe.NextAsync();

        Assert.NotEqual(before.SchemaId, after.SchemaId);
        Assert.Equal(newSchemaId, after.SchemaId);
        Assert.Equal("Needs Analysis", after.Fields["StageName"]);
        Assert.Equal(2, client.Schemas.Count);
    }

    [Fact]
    public async Task SubscribeAsync_GapAndOverflowEvents_ArriveMarkedAndNormalizeToNothing()
    {
        var orgOptions = OrgOptions();
        await using var org = await SimulatedOrg.StartAsync(orgOptions);
        using var client = new PubSubTestClient(org, orgOptions);
        await using var probe = client.Subscribe(Opportunities, ReplayStart.Latest);
        await EstablishedAsync(probe);
        var recordIds = org.Scenario.Opportunities.Take(2).Select(o => o.Id).ToList();

        org.PubSub.PublishGap("Opportunity", recordIds, ChangeType.GapUpdate);
        org.PubSub.PublishOverflow("Opportunity");
        var gap = await probe.NextAsync();
        var overflow = await probe.NextAsync();

        Assert.True(gap.IsGap);
        Assert.False(gap.IsOverflow);
        Assert.Equal(recordIds, gap.Header.RecordIds);
        Assert.Equal("GAP_UPDATE", gap.Header.ChangeType);
        Assert.True(overflow.IsOverflow);
        Assert.Empty(overflow.Header.RecordIds);
        Assert.Empty(CdcNormalizer.Normalize(gap, new ActorDirectory([])).FieldChanges);
        Assert.Empty(CdcNormalizer.Normalize(overflow, new ActorDirectory([])).FieldChanges);
    }

    /// <summary>Each StageName an event carries is the value the scenario's field history wrote for that record in that second.</summary>
    private static void AssertStageValuesMatchHistory(SimulatedOrg org, List<ChangeEvent> received)
    {
        var checkedEvents = 0;
        foreach (var changeEvent in received.Where(e => e.Header.ChangedFields.Contains("StageName")))
        {
            var recordId = Assert.Single(changeEvent.Header.RecordIds);
            var second = changeEvent.Header.CommitTimestamp.ToUnixTimeSeconds();
            var written = org.Scenario.OpportunityFieldHistory
                .Where(r => r.ParentId == recordId && r.Field == "StageName" && r.CreatedDate.ToUnixTimeSeconds() == second)
                .OrderBy(r => r.CreatedDate)
                .ThenBy(r => r.Id, StringComparer.Ordinal)
                .Last();
            Assert.Equal(written.NewValue, changeEvent.Fields["StageName"]);
            checkedEvents++;
        }

        Assert.True(checkedEvents > 0, "The backlog should hold stage changes.");
    }

    /// <summary>The header carries what the channel rules need: each origin the org writes classifies as its write path.</summary>
    private static void AssertChannelInputs(SimulatedOrg org, List<ChangeEvent> received)
    {
        var users = org.Scenario.Users.ToDictionary(u => u.Id, StringComparer.Ordinal);
        var channels = new HashSet<Channel>();
        foreach (var header in received.Select(e => e.Header))
        {
            var user = users[header.CommitUser];
            var kind = user.UserType == "AutomatedProcess" ? ActorKind.Automation : ActorKind.Human;
            var result = ChangeOriginClassifier.Classify(header.ChangeOrigin, kind);
            channels.Add(result.Channel);
            var expected = header.ChangeOrigin switch
            {
                "" => kind == ActorKind.Automation ? Channel.Automation : Channel.Unknown,
                var o when o.Contains("client=SfdcInternalAPI/", StringComparison.Ordinal) => Channel.Ui,
                var o when o.Contains("/bulkapi/", StringComparison.Ordinal) => Channel.BulkImport,
                _ => Channel.Api,
            };
            Assert.Equal(expected, result.Channel);
            if (header.ChangeOrigin.Contains("client=MarketoSync", StringComparison.Ordinal))
            {
                Assert.Equal("MarketoSync", result.ClientName);
            }
        }

        Assert.Contains(Channel.Ui, channels);
    }

    private static void AssertNoToken(PubSubTestClient client, string text)
    {
        Assert.NotEmpty(client.Tokens.IssuedTokens);
        foreach (var token in client.Tokens.IssuedTokens)
        {
            Assert.DoesNotContain(token, text, StringComparison.Ordinal);
        }

        // The org's tokens look like <org id>!AQ<body>; no part of one may leak either.
        Assert.DoesNotContain("!AQ", text, StringComparison.Ordinal);
    }
}
