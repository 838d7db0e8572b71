using CrmSignalWorker.Core.Signals;
using CrmSignalWorker.IntegrationTests.Infrastructure;
using CrmSignalWorker.Signals;
using CrmSignalWorker.Simulator;
using CrmSignalWorker.Sources;
using Dapper;

namespace CrmSignalWorker.IntegrationTests.Pipeline;

/// <summary>Simulated org → history poller → normalizer → Postgres → signal, over real sockets and a real database.</summary>
public sealed class HistoryPipelineTests : IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();
    private readonly SimulatedOrgOptions _orgOptions = new() { Seed = 7, Opportunities = 160, Leads = 80, DefaultBatchSize = 200 };
    private static readonly string[] Markets = ["NA", "EMEA", "APAC"];
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
        // Small pages, so every poll crosses several nextRecordsUrl pages.
        settings["Salesforce:BatchSize"] = "200";
        configure?.Invoke(settings);
        return WorkerHarness.Create(settings);
    }

    // queryAll by default: writes to records deleted since are kept too.
    private int ExpectedFieldChanges => _org.Scenario.OpportunityFieldHistory.Count + _org.Scenario.LeadHistory.Count;

    private int ExpectedSnapshots => _org.Scenario.OpportunityHistory.Count;

    [Fact]
    public async Task RunOnceAsync_FromEmptyStore_StoresEveryHistoryRowOnceIncludingDeletedRecords()
    {
        using var worker = CreateWorker();

        await worker.Get<HistorySync>().RunOnceAsync(CancellationToken.None);

        Assert.Equal(ExpectedFieldChanges, await _database.CountAsync("field_change"));
        Assert.Equal(ExpectedSnapshots, await _database.CountAsync("opportunity_snapshot"));
        Assert.Equal(
            _org.Scenario.OpportunityFieldHistory.Count(r => r.Field == "StageName"),
            await _database.CountAsync("workflow_event", "event_type = 'stage_change' AND object_name = 'Opportunity'"));
        Assert.Equal(
            _org.Scenario.OpportunityFieldHistory.Count(r => r.Field == "Owner" && r.DataType == "EntityId")
                + _org.Scenario.LeadHistory.Count(r => r.Field == "Owner" && r.DataType == "EntityId"),
            await _database.CountAsync("workflow_event", "event_type = 'handoff'"));
        Assert.Equal(_org.Scenario.Users.Count, await _database.CountAsync("crm_user"));
    }

    [Fact]
    public async Task RunOnceAsync_FromEmptyStore_AttributesActorKindTeamAndChannel()
    {
        using var worker = CreateWorker();

        await worker.Get<HistorySync>().RunOnceAsync(CancellationToken.None);

        await using var connection = await _database.DataSource.OpenConnectionAsync();
        var byActor = (await connection.QueryAsync<(string ActorId, string Kind, string? Team, string Channel)>(
            "SELECT DISTINCT actor_id, actor_kind, team, channel FROM field_change")).ToList();
        foreach (var user in _org.Scenario.Users)
        {
            foreach (var row in byActor.Where(r => r.ActorId == user.Id))
            {
                var (kind, channel) = user switch
                {
                    { UserType: "AutomatedProcess" } => ("automation", "automation"),
                    { UserType: "CloudIntegrationUser" } => ("integration", "api"),
                    { ProfileName: "Minimum Access - API Only Integrations" } => ("integration", "api"),
                    _ => ("human", "unknown"),
                };
                Assert.Equal(kind, row.Kind);
                Assert.Equal(channel, row.Channel);
                if (user.RoleName is "SDR")
                {
                    Assert.Equal("SDR", row.Team);
                }
            }
        }

        Assert.Contains(byActor, r => r.Kind == "integration");
        Assert.Contains(byActor, r => r.Kind == "human" && r.Team == "AE");
    }

    [Fact]
    public async Task RunOnceAsync_FromEmptyStore_SegmentsEveryStageChangeByItsRecordsMarket()
    {
        using var worker = CreateWorker();

        await worker.Get<HistorySync>().RunOnceAsync(CancellationToken.None);

        await using var connection = await _database.DataSource.OpenConnectionAsync();
        var events = (await connection.QueryAsync<(string RecordId, string Market)>(
            "SELECT record_id, market FROM workflow_event WHERE object_name = 'Opportunity'")).ToList();
        Assert.NotEmpty(events);
        Assert.All(events, e => Assert.Equal(_org.Scenario.OpportunityMarket[e.RecordId], e.Market));
        Assert.Equal(
            _org.Scenario.Opportunities.Count + _org.Scenario.Leads.Count,
            await _database.CountAsync("crm_record"));
    }

    [Fact]
    public async Task RunOnceAsync_CountsStoredChangesInItsMetric_AndNotTheReReadOnes()
    {
        using var worker = CreateWorker();
        var meter = worker.Get<CrmSignalWorker.Telemetry.WorkerTelemetry>().Meter;
        long counted = 0;
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter == meter && instrument.Name == "crmsignal.changes.ingested")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref counted, value));
        listener.Start();

        await worker.Get<HistorySync>().RunOnceAsync(CancellationToken.None);
        await worker.Get<HistorySync>().RunOnceAsync(CancellationToken.None);

        Assert.Equal(ExpectedFieldChanges + ExpectedSnapshots, Interlocked.Read(ref counted));
    }

    [Fact]
    public async Task RunOnceAsync_Twice_AddsNothingTheSecondTime()
    {
        using var worker = CreateWorker();
        var sync = worker.Get<HistorySync>();
        await sync.RunOnceAsync(CancellationToken.None);

        await sync.RunOnceAsync(CancellationToken.None);
        // A lost checkpoint makes the next poll re-read everything; the source keys keep it from doubling.
        await _database.ExecuteAsync("DELETE FROM checkpoint");
        await sync.RunOnceAsync(CancellationToken.None);

        Assert.Equal(ExpectedFieldChanges, await _database.CountAsync("field_change"));
        Assert.Equal(ExpectedSnapshots, await _database.CountAsync("opportunity_snapshot"));
        Assert.Equal(
            await _database.CountAsync("field_change", "field IN ('StageName','Status','OwnerId','created')"),
            await _database.CountAsync("workflow_event"));
    }

    [Fact]
    public async Task RunOnceAsync_SecondPoll_StartsFromTheStoredWatermarkLessTheOverlap()
    {
        using var worker = CreateWorker(s => s["History:Overlap"] = "00:10:00");
        var sync = worker.Get<HistorySync>();
        await sync.RunOnceAsync(CancellationToken.None);
        var newest = _org.Scenario.OpportunityFieldHistory.Max(r => r.CreatedDate);
        var queriesBefore = _org.ReceivedQueries.Count;

        await sync.RunOnceAsync(CancellationToken.None);

        var second = _org.ReceivedQueries.Skip(queriesBefore).Distinct().Single(q => q.Contains("FROM OpportunityFieldHistory", StringComparison.Ordinal));
        Assert.Contains($"CreatedDate >= {newest.AddMinutes(-10).UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}", second, StringComparison.Ordinal);
        Assert.Contains("ORDER BY CreatedDate, Id", second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunOnceAsync_WhenTheCommitOfAPageFailsAfterTheCopy_KeepsEarlierPagesAndLosesAndDoublesNothing()
    {
        using var worker = CreateWorker();
        var sync = worker.Get<HistorySync>();
        // The checkpoint is written after a page's rows are copied, in the same transaction. Failing the
        // second page's checkpoint fails that page at the last moment before commit, as a crash there would.
        // nextval is not rolled back with the failing transaction, so exactly one write fails.
        await _database.ExecuteAsync(
            """
            CREATE SEQUENCE checkpoint_writes;
            CREATE FUNCTION fail_second_page() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF NEW.stream = 'history:OpportunityFieldHistory' AND nextval('checkpoint_writes') = 2 THEN
                    RAISE EXCEPTION 'simulated crash before commit';
                END IF;
                RETURN NEW;
            END $$;
            CREATE TRIGGER crash_before_commit BEFORE INSERT OR UPDATE ON checkpoint
            FOR EACH ROW EXECUTE FUNCTION fail_second_page();
            """);

        await Assert.ThrowsAnyAsync<Npgsql.PostgresException>(() => sync.RunOnceAsync(CancellationToken.None));

        // Page one (200 rows) committed with its watermark; page two left nothing behind.
        var pageOne = _org.Scenario.OpportunityFieldHistory.OrderBy(r => r.CreatedDate).ThenBy(r => r.Id, StringComparer.Ordinal).Take(200).ToList();
        Assert.Equal(200, await _database.CountAsync("field_change"));
        Assert.Equal(200, await _database.CountAsync("field_change", $"source_key IN ({string.Join(',', pageOne.Select(r => $"'history:OpportunityFieldHistory:{r.Id}'"))})"));
        await using (var connection = await _database.DataSource.OpenConnectionAsync())
        {
            var watermark = await connection.QuerySingleAsync<DateTime>("SELECT watermark FROM checkpoint WHERE stream = 'history:OpportunityFieldHistory'");
            Assert.Equal(pageOne[^1].CreatedDate.UtcDateTime, DateTime.SpecifyKind(watermark, DateTimeKind.Utc));
        }

        await _database.ExecuteAsync("DROP TRIGGER crash_before_commit ON checkpoint");
        await sync.RunOnceAsync(CancellationToken.None);

        Assert.Equal(ExpectedFieldChanges, await _database.CountAsync("field_change"));
        Assert.Equal(ExpectedSnapshots, await _database.CountAsync("opportunity_snapshot"));
    }

    [Fact]
    public async Task RunOnceAsync_WhenSalesforceIsBrieflyUnavailable_RetriesAndCompletes()
    {
        using var worker = CreateWorker();
        // The first two requests are the token request and its retry: an outage at the login host is retried too.
        _org.Faults.FailNext(2, 503, "SERVER_UNAVAILABLE", "Server is down for maintenance");

        await worker.Get<HistorySync>().RunOnceAsync(CancellationToken.None);

        Assert.Equal(ExpectedFieldChanges, await _database.CountAsync("field_change"));
    }

    [Fact]
    public async Task RunOnceAsync_WhenAQueryPageFailsMidPaging_RetriesThatPageAndCompletes()
    {
        using var worker = CreateWorker();
        var sync = worker.Get<HistorySync>();
        await sync.RunOnceAsync(CancellationToken.None);
        await _database.ExecuteAsync("DELETE FROM checkpoint; DELETE FROM field_change; DELETE FROM workflow_event;");

        _org.Faults.FailNext(3, 500, "UNKNOWN_EXCEPTION", "An unexpected error occurred");
        await sync.RunOnceAsync(CancellationToken.None);

        Assert.Equal(ExpectedFieldChanges, await _database.CountAsync("field_change"));
    }

    [Fact]
    public async Task RunOnceAsync_WhenSalesforceStaysDown_FailsWithoutMovingTheWatermark()
    {
        using var worker = CreateWorker();
        var sync = worker.Get<HistorySync>();
        await sync.RunOnceAsync(CancellationToken.None);
        await using var connection = await _database.DataSource.OpenConnectionAsync();
        var before = (await connection.QueryAsync<(string, DateTime)>("SELECT stream, watermark FROM checkpoint ORDER BY stream")).ToList();

        _org.Faults.FailNext(100, 503, "SERVER_UNAVAILABLE", "Server is down for maintenance");
        var error = await Assert.ThrowsAsync<Salesforce.SalesforceApiException>(() => sync.RunOnceAsync(CancellationToken.None));
        _org.Faults.Reset();

        Assert.Equal("SERVER_UNAVAILABLE", error.ErrorCode);
        Assert.Equal(before, (await connection.QueryAsync<(string, DateTime)>("SELECT stream, watermark FROM checkpoint ORDER BY stream")).ToList());
    }

    [Fact]
    public async Task RunOnceAsync_WhenTheSessionExpires_ReauthenticatesAndCompletes()
    {
        using var worker = CreateWorker();
        var sync = worker.Get<HistorySync>();
        await sync.RunOnceAsync(CancellationToken.None);
        await _database.ExecuteAsync("DELETE FROM checkpoint");
        await _database.ExecuteAsync("DELETE FROM field_change");

        _org.Faults.ExpireAllTokens();
        await sync.RunOnceAsync(CancellationToken.None);

        Assert.Equal(ExpectedFieldChanges, await _database.CountAsync("field_change"));
    }

    [Fact]
    public async Task RunOnceAsync_WhenTheCredentialsAreWrong_FailsNamingTheOAuthErrorButNotTheSecret()
    {
        using var worker = CreateWorker(s => s["Salesforce:ClientSecret"] = "wrong-secret-value");

        var error = await Assert.ThrowsAsync<Salesforce.Auth.SalesforceAuthException>(() => worker.Get<HistorySync>().RunOnceAsync(CancellationToken.None));

        Assert.Contains("invalid_client", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-secret-value", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await _database.CountAsync("field_change"));
    }

    [Fact]
    public async Task RunOnceAsync_OnItsSchedule_EvaluatesTheConfiguredDaysEndingTodayByTheClock()
    {
        var settings = WorkerHarness.BaseSettings(_database, _org, _orgOptions);
        settings["Signals:EvaluationDays"] = "4";
        var lastDay = _org.Scenario.EndDate.AddDays(-1);
        using var worker = WorkerHarness.Create(settings, new DateTimeOffset(lastDay.ToDateTime(new TimeOnly(18, 0)), TimeSpan.Zero));
        await worker.Get<HistorySync>().RunOnceAsync(CancellationToken.None);

        await worker.Get<SignalEvaluator>().RunOnceAsync(CancellationToken.None);

        await using var connection = await _database.DataSource.OpenConnectionAsync();
        var days = (await connection.QueryAsync<DateTime>("SELECT DISTINCT day FROM signal_value ORDER BY day")).Select(DateOnly.FromDateTime).ToList();
        Assert.NotEmpty(days);
        Assert.All(days, d => Assert.InRange(d, lastDay.AddDays(-3), lastDay));
    }

    [Fact]
    public async Task EvaluateAsync_OverTheScenario_FlagsExactlyTheRecordsThatJumpedStages()
    {
        using var worker = CreateWorker();
        await worker.Get<HistorySync>().RunOnceAsync(CancellationToken.None);

        var values = await worker.Get<SignalEvaluator>().EvaluateAsync(_org.Scenario.FirstDay, _org.Scenario.EndDate.AddDays(-1), CancellationToken.None);

        var flagged = values.Where(v => v.Signal == SignalNames.SameDayStageJumps).SelectMany(v => v.OffendingRecordIds).ToHashSet();
        Assert.NotEmpty(_org.Scenario.StageJumpOpportunityIds);
        Assert.Equal(_org.Scenario.StageJumpOpportunityIds.Order(), flagged.Order());
        Assert.All(values, v => Assert.InRange(v.Numerator, 0, v.Denominator));
        Assert.Equal(values.Count, await _database.CountAsync("signal_value"));
        Assert.Equal(values.Count(v => v.Breached), await _database.CountAsync("signal_value", "breached"));
        Assert.Contains(values, v => v.Breached);
        Assert.All(values, v => Assert.Contains(v.Segment, Markets));
        Assert.Equal(SignalNames.All.Order(), values.Select(v => v.Signal).Distinct().Order());
    }
}
