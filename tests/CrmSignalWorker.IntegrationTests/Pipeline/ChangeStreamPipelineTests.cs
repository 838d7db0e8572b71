using CrmSignalWorker.IntegrationTests.Infrastructure;
using CrmSignalWorker.Salesforce.PubSub;
using CrmSignalWorker.Simulator;
using CrmSignalWorker.Simulator.PubSub;
using CrmSignalWorker.Sources;
using Dapper;

namespace CrmSignalWorker.IntegrationTests.Pipeline;

/// <summary>
/// Simulated org → Pub/Sub gRPC stream → decoder → normalizer → Postgres, with the replay id committed alongside the
/// rows it covers; gaps, a lost position and crashes, over real sockets and a real database.
/// </summary>
public sealed class ChangeStreamPipelineTests : IAsyncLifetime
{
    private const string Topic = "/data/OpportunityChangeEvent";
    private const string Stream = "cdc:" + Topic;
    private readonly PostgresDatabase _database = new();
    private readonly SimulatedOrgOptions _orgOptions = new() { Seed = 11, Opportunities = 40, Leads = 20, Days = 10, KeepAliveInterval = TimeSpan.FromMilliseconds(300) };
    private SimulatedOrg _org = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _org = await SimulatedOrg.StartAsync(_orgOptions);
    }

    public async Task DisposeAsync()
    {
        await _org.DisposeAsync();
        await _database.DisposeAsync();
    }

    private WorkerHarness CreateWorker(Action<Dictionary<string, string?>>? configure = null)
    {
        var settings = WorkerHarness.BaseSettings(_database, _org, _orgOptions);
        settings["PubSub:Endpoint"] = _org.PubSubUrl.ToString();
        settings["PubSub:ReconnectBaseDelay"] = "00:00:00";
        settings["OperatorAlerts:EmailTo:0"] = "oncall@example.test";
        configure?.Invoke(settings);
        return WorkerHarness.Create(settings);
    }

    /// <summary>Starts the stream where the org's bus ends now, as a worker that had stored the last replay id would.</summary>
    private async Task StoreCurrentTipAsCheckpointAsync(string topic = Topic)
    {
        // Change events and workflow events share one sequence of replay ids.
        var tip = _org.PubSub.Events.Select(e => e.ReplayId).Concat(_org.PubSub.WorkflowEvents.Select(e => e.ReplayId))
            .MaxBy(id => ReplayId.ToUInt64(id))!;
        await using var connection = await _database.DataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            "INSERT INTO checkpoint (stream, watermark, replay_id, updated_at) VALUES (@Stream, now(), @ReplayId, now())",
            new { Stream = ChangeStreamIngestor.StreamOf(topic), ReplayId = tip });
    }

    private byte[] PublishStageChange(string opportunityId, string stage, string? user = null) =>
        _org.PubSub.PublishChange(new ChangeEventSpec
        {
            Entity = "Opportunity",
            RecordIds = [opportunityId],
            Fields = new Dictionary<string, object?> { ["StageName"] = stage },
            CommitUser = user ?? _org.Scenario.JumpingActorId,
            ChangeOrigin = "com/salesforce/api/rest/60.0;client=MarketoSync",
        });

    private sealed class RunningStream(Task run, CancellationTokenSource stop) : IAsyncDisposable
    {
        public Task Run => run;

        public async ValueTask DisposeAsync()
        {
            await stop.CancelAsync();
            try
            {
                await run;
            }
            catch (Exception)
            {
                // Cancelled, or a failure the test already observed through Run.
            }

            stop.Dispose();
        }
    }

    private RunningStream Start(WorkerHarness worker, string topic = Topic)
    {
        var stop = new CancellationTokenSource();
        var ingestor = worker.Get<ChangeStreamIngestor>();
        var running = new RunningStream(Task.Run(() => ingestor.RunAsync(topic, stop.Token)), stop);
        _streamTask = running.Run;
        return running;
    }

    private Task? _streamTask;

    private async Task WaitForAsync(string table, string where, long expected)
    {
        // Polls real time for rows to land; the assertion is on the rows, never on how long they took.
        for (var i = 0; i < 400; i++)
        {
            if (_streamTask is { IsFaulted: true } failed)
            {
                await failed;
            }

            if (await _database.CountAsync(table, where) >= expected)
            {
                return;
            }

            await Task.Delay(50);
        }

        Assert.Fail($"{table} WHERE {where}: expected {expected} rows, found {await _database.CountAsync(table, where)}");
    }

    private async Task<byte[]?> StoredReplayIdAsync()
    {
        await using var connection = await _database.DataSource.OpenConnectionAsync();
        return await connection.QuerySingleOrDefaultAsync<byte[]?>("SELECT replay_id FROM checkpoint WHERE stream = @Stream", new { Stream });
    }

    [Fact]
    public async Task LiveChanges_AreStoredWithActorChannelAndTheReplayIdThatCoversThem()
    {
        await StoreCurrentTipAsCheckpointAsync();
        using var worker = CreateWorker();
        var opportunity = _org.Scenario.Opportunities[0].Id;

        await using (Start(worker))
        {
            PublishStageChange(opportunity, "Qualification");
            var last = PublishStageChange(opportunity, "Proposal");
            await WaitForAsync("field_change", "source = 'cdc'", 2);
            await WaitForAsync("checkpoint", $"stream = '{Stream}' AND replay_id = '\\x{Convert.ToHexStringLower(last)}'::bytea", 1);
        }

        await using var connection = await _database.DataSource.OpenConnectionAsync();
        var rows = (await connection.QueryAsync<(string Field, string NewValue, string Channel, string ClientName, string ActorKind)>(
            "SELECT field, new_value, channel, client_name, actor_kind FROM field_change WHERE source = 'cdc' ORDER BY changed_at, id")).ToList();
        Assert.Equal([("StageName", "Qualification"), ("StageName", "Proposal")], rows.Select(r => (r.Field, r.NewValue)));
        Assert.All(rows, r => Assert.Equal(("api", "MarketoSync"), (r.Channel, r.ClientName)));
        // The writer was unknown to the empty store; the stream fetched the user directory rather than store "unknown".
        Assert.All(rows, r => Assert.NotEqual("unknown", r.ActorKind));
        Assert.Equal(2, await _database.CountAsync("workflow_event", "event_type = 'stage_change'"));
    }

    [Fact]
    public async Task Restart_ResumesAfterTheStoredReplayId_NothingLostNothingTwice()
    {
        await StoreCurrentTipAsCheckpointAsync();
        var opportunity = _org.Scenario.Opportunities[1].Id;
        using (var first = CreateWorker())
        {
            await using (Start(first))
            {
                PublishStageChange(opportunity, "Qualification");
                PublishStageChange(opportunity, "Needs Analysis");
                await WaitForAsync("field_change", "source = 'cdc'", 2);
            }
        }

        // Published while no worker runs: the restart must pick these up from the stored position.
        PublishStageChange(opportunity, "Proposal");
        var last = PublishStageChange(opportunity, "Negotiation");

        using var second = CreateWorker();
        await using (Start(second))
        {
            await WaitForAsync("field_change", "source = 'cdc'", 4);
            await WaitForAsync("checkpoint", $"stream = '{Stream}' AND replay_id = '\\x{Convert.ToHexStringLower(last)}'::bytea", 1);
        }

        Assert.Equal(4, await _database.CountAsync("field_change", "source = 'cdc'"));
        Assert.Equal(4, await _database.CountAsync("field_change", "source = 'cdc' AND field = 'StageName'"));
    }

    [Fact]
    public async Task CrashBeforeCommit_LeavesNeitherRowsNorReplayId_AndTheRestartStoresEachChangeOnce()
    {
        await StoreCurrentTipAsCheckpointAsync();
        var tip = await StoredReplayIdAsync();
        await _database.ExecuteAsync(
            $"""
            CREATE FUNCTION fail_cdc_checkpoint() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF NEW.stream = '{Stream}' THEN
                    RAISE EXCEPTION 'simulated crash before commit';
                END IF;
                RETURN NEW;
            END $$;
            CREATE TRIGGER crash_before_commit BEFORE UPDATE ON checkpoint
            FOR EACH ROW EXECUTE FUNCTION fail_cdc_checkpoint();
            """);
        var opportunity = _org.Scenario.Opportunities[2].Id;
        PublishStageChange(opportunity, "Qualification");
        PublishStageChange(opportunity, "Proposal");

        using (var crashing = CreateWorker())
        {
            var run = Start(crashing);
            await Assert.ThrowsAnyAsync<Npgsql.PostgresException>(() => run.Run);
            await run.DisposeAsync();
        }

        Assert.Equal(0, await _database.CountAsync("field_change", "source = 'cdc'"));
        Assert.Equal(tip, await StoredReplayIdAsync());

        await _database.ExecuteAsync("DROP TRIGGER crash_before_commit ON checkpoint");
        using var restarted = CreateWorker();
        await using (Start(restarted))
        {
            await WaitForAsync("field_change", "source = 'cdc'", 2);
            PublishStageChange(opportunity, "Negotiation");
            await WaitForAsync("field_change", "source = 'cdc'", 3);
        }

        Assert.Equal(3, await _database.CountAsync("field_change", "source = 'cdc'"));
    }

    [Fact]
    public async Task GapEvent_QueuesAReread_ThatStoresTheRecordsHistoryFromTheGap()
    {
        await StoreCurrentTipAsCheckpointAsync();
        using var worker = CreateWorker(s => s["History:Overlap"] = "1.00:00:00");
        var since = DateTimeOffset.FromUnixTimeSeconds(TimeProvider.System.GetUtcNow().ToUnixTimeSeconds()) - TimeSpan.FromDays(1) - TimeSpan.FromMinutes(1);
        // The record with the most history in the day before the gap, so the re-read has something to find.
        var opportunity = _org.Scenario.OpportunityFieldHistory.Where(r => r.CreatedDate >= since)
            .GroupBy(r => r.ParentId).OrderByDescending(g => g.Count()).First().Key;

        await using (Start(worker))
        {
            _org.PubSub.PublishGap("Opportunity", [opportunity], ChangeType.GapUpdate);
            await WaitForAsync("history_reread", "history_object = 'OpportunityFieldHistory'", 1);
        }

        Assert.Equal(0, await _database.CountAsync("field_change"));
        var gapAt = DateTimeOffset.FromUnixTimeSeconds(_org.PubSub.Events[^1].CommitTimestamp.ToUnixTimeSeconds()) - TimeSpan.FromDays(1);
        await worker.Get<HistoryRereader>().RunOnceAsync(CancellationToken.None);

        var expected = _org.Scenario.OpportunityFieldHistory.Count(r => r.ParentId == opportunity && r.CreatedDate >= gapAt);
        Assert.True(expected > 0);
        Assert.Equal(expected, await _database.CountAsync("field_change", $"record_id = '{opportunity}'"));
        Assert.Equal(0, await _database.CountAsync("field_change", $"record_id <> '{opportunity}'"));
        Assert.Equal(0, await _database.CountAsync("history_reread"));
    }

    [Fact]
    public async Task Overflow_QueuesAWholeObjectReread()
    {
        await StoreCurrentTipAsCheckpointAsync();
        using var worker = CreateWorker(s => s["History:Overlap"] = "1.00:00:00");

        await using (Start(worker))
        {
            _org.PubSub.PublishOverflow("Opportunity");
            await WaitForAsync("history_reread", "history_object = 'OpportunityFieldHistory' AND cardinality(record_ids) = 0", 1);
        }

        var overflowAt = DateTimeOffset.FromUnixTimeSeconds(_org.PubSub.Events[^1].CommitTimestamp.ToUnixTimeSeconds()) - TimeSpan.FromDays(1);
        await worker.Get<HistoryRereader>().RunOnceAsync(CancellationToken.None);

        var expected = _org.Scenario.OpportunityFieldHistory.Count(r => r.CreatedDate >= overflowAt);
        Assert.True(expected > 0);
        Assert.Equal(expected, await _database.CountAsync("field_change", "object_name = 'Opportunity'"));
        Assert.Equal(_org.Scenario.OpportunityHistory.Count(r => r.CreatedDate >= overflowAt), await _database.CountAsync("opportunity_snapshot"));
        Assert.Equal(0, await _database.CountAsync("history_reread"));
    }

    [Fact]
    public async Task RejectedReplayId_RaisesAStopTheLineAlert_QueuesTheBackfill_AndStreamsOnFromLatest()
    {
        var lastStored = _org.Scenario.OpportunityFieldHistory.Max(r => r.CreatedDate);
        await using (var connection = await _database.DataSource.OpenConnectionAsync())
        {
            // A replay id the org never issued: corrupt, or purged after the retention window.
            await connection.ExecuteAsync(
                "INSERT INTO checkpoint (stream, watermark, replay_id, updated_at) VALUES (@Stream, @At, @ReplayId, now())",
                new { Stream, At = lastStored.UtcDateTime, ReplayId = ReplayId.FromUInt64(ulong.MaxValue - 7) });
        }

        using var worker = CreateWorker();
        var ingestor = worker.Get<ChangeStreamIngestor>();
        var rejected = await Assert.ThrowsAsync<ReplayIdRejectedException>(() => ingestor.RunAsync(Topic, CancellationToken.None));
        await ingestor.RecoverLostPositionAsync(Topic, rejected, CancellationToken.None);
        // Raising the same loss again (a crash before the position was forgotten) sends nothing twice.
        await worker.Get<Alerts.OperatorAlertPublisher>().RaiseAsync(
            new Core.Alerts.OperatorAlert($"replay-rejected:{Topic}:{Convert.ToHexStringLower(ReplayId.FromUInt64(ulong.MaxValue - 7))}", Core.Alerts.AlertSeverity.Critical, "t", "d", worker.Time.GetUtcNow()),
            CancellationToken.None);

        Assert.Equal(1, await _database.CountAsync("notification_outbox", "idempotency_key LIKE 'alert:replay-rejected:%' AND channel = 'email'"));
        Assert.Equal(1, await _database.CountAsync("notification_outbox", "payload->>'Subject' LIKE '%STOP THE LINE%'"));
        Assert.Equal(1, await _database.CountAsync("history_reread", "history_object = 'OpportunityFieldHistory' AND cardinality(record_ids) = 0"));
        Assert.Equal(1, await _database.CountAsync("history_reread", "history_object = 'OpportunityHistory'"));
        Assert.Null(await StoredReplayIdAsync());

        await using (Start(worker))
        {
            // From LATEST, so only what is published once the stream is open arrives; keep publishing until one does.
            var opportunity = _org.Scenario.Opportunities[3].Id;
            for (var i = 0; i < 100 && await _database.CountAsync("field_change", "source = 'cdc'") == 0; i++)
            {
                PublishStageChange(opportunity, i % 2 == 0 ? "Proposal" : "Negotiation");
                await Task.Delay(100);
            }

            await WaitForAsync("field_change", "source = 'cdc'", 1);
        }

        await worker.Get<HistoryRereader>().RunOnceAsync(CancellationToken.None);
        Assert.Equal(0, await _database.CountAsync("history_reread"));
    }

    [Fact]
    public async Task WorkflowEvents_AreStoredWithAutomationAndCorrelation_AndAnUnknownTypeIsQuarantined()
    {
        await StoreCurrentTipAsCheckpointAsync(PubSubTopics.WorkflowEvent);
        using var worker = CreateWorker();
        var opportunity = _org.Scenario.Opportunities[4].Id;

        await using (Start(worker, PubSubTopics.WorkflowEvent))
        {
            _org.PubSub.PublishWorkflowEvent(new WorkflowEventSpec
            {
                RecordId = opportunity, ObjectName = "Opportunity", EventType = "stage_change", StageBefore = "Qualification", StageAfter = "Proposal",
                AutomationId = "Opportunity_Stage_Flow", CorrelationId = "tx-42", CreatedById = _org.Scenario.AutomatedProcessUserId,
            });
            _org.PubSub.PublishWorkflowEvent(new WorkflowEventSpec
            {
                RecordId = opportunity, ObjectName = "Opportunity", EventType = "coffee_break", AutomationId = "Odd_Flow", CreatedById = _org.Scenario.AutomatedProcessUserId,
            });
            _org.PubSub.PublishWorkflowEvent(new WorkflowEventSpec
            {
                RecordId = opportunity, ObjectName = "Opportunity", EventType = "notification", AutomationId = "Renewal_Reminder_Flow", CorrelationId = "tx-43",
                CreatedById = _org.Scenario.AutomatedProcessUserId,
            });
            await WaitForAsync("workflow_event", "true", 2);
            await WaitForAsync("quarantine", "true", 1);
        }

        await using var connection = await _database.DataSource.OpenConnectionAsync();
        var rows = (await connection.QueryAsync<(string EventType, string? StageAfter, string AutomationId, string CorrelationId, string Channel)>(
            "SELECT event_type, stage_after, automation_id, correlation_id, channel FROM workflow_event ORDER BY occurred_at, id")).ToList();
        Assert.Equal(
            [("stage_change", "Proposal", "Opportunity_Stage_Flow", "tx-42", "automation"), ("notification", null, "Renewal_Reminder_Flow", "tx-43", "automation")],
            rows.Select(r => (r.EventType, r.StageAfter, r.AutomationId, r.CorrelationId, r.Channel)));
        var quarantined = await connection.QuerySingleAsync<string>("SELECT reason FROM quarantine");
        Assert.Contains("coffee_break", quarantined, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WorkflowEventOfATransaction_NamesTheAutomationOnItsFieldWrites_OverBothStreams()
    {
        await StoreCurrentTipAsCheckpointAsync();
        await StoreCurrentTipAsCheckpointAsync(PubSubTopics.WorkflowEvent);
        using var worker = CreateWorker(s => s["Attribution:Integrations:MarketoSync"] = "Marketo");
        var opportunity = _org.Scenario.Opportunities[6].Id;
        var announcement = _org.PubSub.PublishWorkflowEvent(new WorkflowEventSpec
        {
            RecordId = opportunity, ObjectName = "Opportunity", EventType = "stage_change", StageBefore = "Qualification", StageAfter = "Proposal/Price Quote",
            AutomationId = "Opportunity_Stage_Flow",
        });
        var transaction = announcement.Event.CorrelationId!;
        // One Lightning save: the user typed the amount, the flow it triggered moved the stage. Both carry the save's origin.
        _org.PubSub.PublishChange(new ChangeEventSpec
        {
            Entity = "Opportunity", RecordIds = [opportunity], TransactionKey = transaction, CommitUser = _org.Scenario.JumpingActorId,
            ChangeOrigin = "com/salesforce/api/soap/62.0;client=SfdcInternalAPI/",
            Fields = new Dictionary<string, object?> { ["Amount"] = 125000.0, ["StageName"] = "Proposal/Price Quote" },
        });
        _org.PubSub.PublishChange(new ChangeEventSpec
        {
            Entity = "Opportunity", RecordIds = [_org.Scenario.Opportunities[7].Id], CommitUser = _org.Scenario.JumpingActorId,
            ChangeOrigin = "com/salesforce/api/rest/62.0;client=MarketoSync", Fields = new Dictionary<string, object?> { ["Amount"] = 10.0 },
        });

        await using (Start(worker))
        await using (Start(worker, PubSubTopics.WorkflowEvent))
        {
            await WaitForAsync("field_change", "source = 'cdc' AND field IN ('Amount', 'StageName')", 3);
            await WaitForAsync("workflow_event", "source_key LIKE 'pe:%'", 1);
            await WaitForAsync("field_change", "automation_id IS NOT NULL", 1);
        }

        await using var connection = await _database.DataSource.OpenConnectionAsync();
        var rows = (await connection.QueryAsync<(string Field, string Channel, string? AutomationId, string Confidence, string Evidence, string? Integration)>(
            $"SELECT field, channel, automation_id, attribution_confidence, attribution_evidence, integration_name FROM field_change WHERE correlation_id = '{transaction}' AND field IN ('Amount', 'StageName') ORDER BY field")).ToList();
        Assert.Equal(
            [
                ("Amount", "ui", null, "certain", "changeOrigin client=SfdcInternalAPI/ (Lightning UI)", null),
                ("StageName", "automation", "Opportunity_Stage_Flow", "certain", "Workflow_Event__e automation=Opportunity_Stage_Flow", null),
            ],
            rows);
        Assert.Equal(1, await _database.CountAsync(
            "workflow_event", $"source_key LIKE 'cdc:%' AND correlation_id = '{transaction}' AND event_type = 'stage_change' AND automation_id = 'Opportunity_Stage_Flow'"));
        Assert.Equal(1, await _database.CountAsync("field_change", "channel = 'integration' AND integration_name = 'Marketo' AND client_name = 'MarketoSync'"));
    }

    [Fact]
    public async Task CorruptEvent_IsQuarantinedWhole_AndTheStreamStoresWhatFollows()
    {
        await StoreCurrentTipAsCheckpointAsync();
        using var worker = CreateWorker();
        var opportunity = _org.Scenario.Opportunities[5].Id;
        _org.Faults.PubSub.CorruptNextEvents(1);
        var corrupt = PublishStageChange(opportunity, "Qualification");
        PublishStageChange(opportunity, "Proposal");
        var last = PublishStageChange(opportunity, "Negotiation");

        await using (Start(worker))
        {
            await WaitForAsync("checkpoint", $"stream = '{Stream}' AND replay_id = '\\x{Convert.ToHexStringLower(last)}'::bytea", 1);
        }

        Assert.Equal(2, await _database.CountAsync("field_change", "source = 'cdc'"));
        Assert.Equal(0, await _database.CountAsync("field_change", "new_value = 'Qualification'"));
        Assert.Equal(1, await _database.CountAsync("quarantine", $"source = 'pubsub' AND source_key = '{Topic}:{Convert.ToHexStringLower(corrupt)}' AND payload::jsonb ? 'payload'"));
    }

    [Fact]
    public async Task WritesDeliveredByHistoryAndCdc_AreStoredOnce_ForEveryHistoryObject()
    {
        string[] historyObjects = ["OpportunityFieldHistory", "LeadHistory", "AccountHistory", "ContactHistory", "CaseHistory", "Deal_Registration__History"];
        using var worker = CreateWorker(s =>
        {
            for (var i = 0; i < historyObjects.Length; i++)
            {
                s[$"History:Objects:{i}"] = historyObjects[i];
            }

            s["PubSub:InitialReplay"] = "Earliest";
        });
        await worker.Get<HistorySync>().RunOnceAsync(CancellationToken.None);
        var fromHistory = await _database.CountAsync("field_change");
        Assert.Equal(
            _org.Scenario.OpportunityFieldHistory.Count + _org.Scenario.LeadHistory.Count + _org.Scenario.AccountHistory.Count
                + _org.Scenario.ContactHistory.Count + _org.Scenario.CaseHistory.Count + _org.Scenario.DealRegistrationHistory.Count,
            fromHistory);
        Assert.True(await _database.CountAsync("field_change", "object_name = 'Deal_Registration__c'") > 0);

        // Every retained change event of the case channel, from the oldest: each describes a write history already holds.
        var caseEvents = _org.PubSub.Events.Count(e => e.Entity == "Case" && !e.IsMalformed && e.CommitTimestamp >= TimeProvider.System.GetUtcNow() - _orgOptions.EventRetention);
        Assert.True(caseEvents > 0);
        await using (Start(worker, "/data/CaseChangeEvent"))
        {
            var last = _org.PubSub.Events.Last(e => e.Entity == "Case").ReplayId;
            await WaitForAsync("checkpoint", $"stream = 'cdc:/data/CaseChangeEvent' AND replay_id = '\\x{Convert.ToHexStringLower(last)}'::bytea", 1);
        }

        var duplicates = await _database.CountAsync(
            "field_change a JOIN field_change b ON a.record_id = b.record_id AND a.field = b.field AND a.actor_id = b.actor_id"
            + " AND date_trunc('second', a.changed_at) = date_trunc('second', b.changed_at) AND a.source = 'history' AND b.source = 'cdc'"
            + " AND a.new_value IS NOT DISTINCT FROM b.new_value");
        Assert.Equal(0, duplicates);
        // CDC's writes to tracked fields were recognised as history's and added nothing; what it added are writes to
        // fields history does not track (IsClosed, ClosedDate), which only CDC knows.
        Assert.Equal(0, await _database.CountAsync(
            "field_change", "source = 'cdc' AND field IN (SELECT field FROM field_change WHERE source = 'history' AND object_name = 'Case')"));
        Assert.True(await _database.CountAsync("field_change", "source = 'cdc' AND object_name = 'Case'") > 0);
    }

    /// <summary>Publishes <paramref name="count"/> stage changes, each a different write (record or value), and returns their replay ids.</summary>
    /// <param name="first">Numbers the stages from here: a later call must not repeat an earlier one's writes, which
    /// within the same second would be the same write (same write key) and rightly stored once.</param>
    private List<byte[]> PublishDistinctStageChanges(int count, int first = 0) =>
        Enumerable.Range(first, count)
            .Select(i => PublishStageChange(_org.Scenario.Opportunities[i % _org.Scenario.Opportunities.Count].Id, $"Stage {i}"))
            .ToList();

    [Fact]
    public async Task SeveralResponses_AreCommittedInOneTransaction_WithTheLastReplayId()
    {
        await StoreCurrentTipAsCheckpointAsync();
        // The org sends at most 25 events per response: these 60 arrive in at least three.
        var published = PublishDistinctStageChanges(60);
        Assert.True(published.Count > SubscribeSession.MaxEventsPerResponse * 2);
        // The harness's clock stands still, so the linger never ends a batch here: only the 60th event does.
        using var worker = CreateWorker(s =>
        {
            s["PubSub:CommitMaxEvents"] = "60";
            s["PubSub:CommitLinger"] = "00:00:01";
        });

        await using (Start(worker))
        {
            await WaitForAsync("checkpoint", $"stream = '{Stream}' AND replay_id = '\\x{Convert.ToHexStringLower(published[^1])}'::bytea", 1);
        }

        Assert.Equal(60, await _database.CountAsync("field_change", "source = 'cdc'"));
        Assert.Equal(60, await _database.CountAsync("workflow_event"));
        await using var connection = await _database.DataSource.OpenConnectionAsync();
        // Every row and the checkpoint were written by one transaction.
        var writers = (await connection.QueryAsync<string>(
            $"""
            SELECT xmin::text FROM field_change UNION SELECT xmin::text FROM workflow_event
             UNION SELECT xmin::text FROM checkpoint WHERE stream = '{Stream}'
            """)).ToList();
        Assert.Single(writers);
    }

    [Fact]
    public async Task CrashMidBatch_KeepsTheCommittedBatch_AndTheRestartStoresTheRestOnce()
    {
        await StoreCurrentTipAsCheckpointAsync();
        var published = PublishDistinctStageChanges(60);
        // The batch holding the last event cannot commit: the process dies with it in flight.
        await _database.ExecuteAsync(
            $"""
            CREATE FUNCTION fail_second_batch() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF NEW.stream = '{Stream}' AND NEW.replay_id = '\x{Convert.ToHexStringLower(published[^1])}'::bytea THEN
                    RAISE EXCEPTION 'simulated crash mid-batch';
                END IF;
                RETURN NEW;
            END $$;
            CREATE TRIGGER crash_mid_batch BEFORE UPDATE ON checkpoint
            FOR EACH ROW EXECUTE FUNCTION fail_second_batch();
            """);
        void Batching(Dictionary<string, string?> s)
        {
            s["PubSub:CommitMaxEvents"] = "50";
            s["PubSub:CommitLinger"] = "00:00:01";
        }

        using (var crashing = CreateWorker(Batching))
        {
            var run = Start(crashing);
            // The first 50 events fill a batch; the last 10 wait for the linger, which ends when the clock moves.
            await WaitForAsync("checkpoint", $"stream = '{Stream}' AND replay_id = '\\x{Convert.ToHexStringLower(published[49])}'::bytea", 1);
            for (var i = 0; i < 400 && !run.Run.IsCompleted; i++)
            {
                crashing.Time.Advance(TimeSpan.FromSeconds(1));
                await Task.Delay(50);
            }

            await Assert.ThrowsAnyAsync<Npgsql.PostgresException>(() => run.Run);
            await run.DisposeAsync();
        }

        // What committed is exactly the events up to the stored replay id: rows and position moved together.
        var stored = await StoredReplayIdAsync();
        var committed = published.FindIndex(id => stored is not null && id.AsSpan().SequenceEqual(stored)) + 1;
        Assert.Equal(50, committed);
        Assert.Equal(committed, await _database.CountAsync("field_change", "source = 'cdc'"));
        Assert.Equal(committed, await _database.CountAsync("workflow_event"));

        await _database.ExecuteAsync("DROP TRIGGER crash_mid_batch ON checkpoint");
        using var restarted = CreateWorker();
        await using (Start(restarted))
        {
            await WaitForAsync("checkpoint", $"stream = '{Stream}' AND replay_id = '\\x{Convert.ToHexStringLower(published[^1])}'::bytea", 1);
        }

        Assert.Equal(60, await _database.CountAsync("field_change", "source = 'cdc'"));
        Assert.Equal(60, await _database.CountAsync("workflow_event"));
        Assert.Equal(60, await _database.CountAsync("field_change", "source = 'cdc' AND new_value LIKE 'Stage %'"));
    }

    [Fact]
    public async Task Restart_FromAnOlderReplayId_ReDeliversWhatIsStored_AndAddsNothing()
    {
        await StoreCurrentTipAsCheckpointAsync();
        var tip = await StoredReplayIdAsync();
        var published = PublishDistinctStageChanges(40);
        using (var first = CreateWorker())
        {
            await using (Start(first))
            {
                await WaitForAsync("checkpoint", $"stream = '{Stream}' AND replay_id = '\\x{Convert.ToHexStringLower(published[^1])}'::bytea", 1);
            }
        }

        // As if the process had died before its last commits: the stream goes back and delivers every event again.
        await _database.ExecuteAsync($"UPDATE checkpoint SET replay_id = '\\x{Convert.ToHexStringLower(tip!)}'::bytea WHERE stream = '{Stream}'");
        var more = PublishDistinctStageChanges(1, first: 40);
        using var second = CreateWorker();
        await using (Start(second))
        {
            await WaitForAsync("checkpoint", $"stream = '{Stream}' AND replay_id = '\\x{Convert.ToHexStringLower(more[^1])}'::bytea", 1);
        }

        Assert.Equal(41, await _database.CountAsync("field_change", "source = 'cdc'"));
        Assert.Equal(41, await _database.CountAsync("workflow_event"));
    }

    [Fact]
    public async Task Linger_CommitsAPartialBatch_OnASlowStream()
    {
        await StoreCurrentTipAsCheckpointAsync();
        using var worker = CreateWorker(s =>
        {
            s["PubSub:CommitMaxEvents"] = "1000";
            s["PubSub:CommitLinger"] = "00:00:00.200";
        });
        var opportunity = _org.Scenario.Opportunities[6].Id;

        await using (Start(worker))
        {
            // One event, then silence: far below CommitMaxEvents, so only the linger commits it, on the harness's clock.
            var first = PublishStageChange(opportunity, "Qualification");
            await Task.Delay(TimeSpan.FromSeconds(1));
            Assert.Equal(0, await _database.CountAsync("field_change", "source = 'cdc'"));
            await LingerUntilStoredAsync(worker, first);
            Assert.Equal(1, await _database.CountAsync("field_change", "source = 'cdc'"));

            var second = PublishStageChange(opportunity, "Proposal");
            await LingerUntilStoredAsync(worker, second);
        }

        Assert.Equal(2, await _database.CountAsync("field_change", "source = 'cdc'"));
    }

    /// <summary>Moves the harness's clock on by the linger until the checkpoint covers <paramref name="replayId"/>.</summary>
    private async Task LingerUntilStoredAsync(WorkerHarness worker, byte[] replayId)
    {
        var covered = $"stream = '{Stream}' AND replay_id = '\\x{Convert.ToHexStringLower(replayId)}'::bytea";
        for (var i = 0; i < 400 && await _database.CountAsync("checkpoint", covered) == 0; i++)
        {
            worker.Time.Advance(TimeSpan.FromMilliseconds(200));
            await Task.Delay(50);
        }

        await WaitForAsync("checkpoint", covered, 1);
    }
}
