using CrmSignalWorker.Core.Changes;
using CrmSignalWorker.IntegrationTests.Infrastructure;
using CrmSignalWorker.Milestones;
using CrmSignalWorker.Storage.Ingest;
using CrmSignalWorker.Telemetry;
using static CrmSignalWorker.IntegrationTests.Milestones.StoredWrites;

namespace CrmSignalWorker.IntegrationTests.Milestones;

/// <summary>SLA clock events derived from stored writes by the leader's job, against a real database.</summary>
public sealed class SlaClockJobTests : IAsyncLifetime
{
    private const string Open = "Open - Not Contacted";

    // Monday 3 March 2025, 10:00 in Berlin (09:00Z); 09:00–17:00 office hours, a 4 h target: due 14:00 (13:00Z).
    private static readonly DateTimeOffset Monday10 = At("2025-03-03T10:00:00+01:00");
    private static readonly DateTimeOffset DueAt = At("2025-03-03T14:00:00+01:00");

    private readonly PostgresDatabase _database = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    private Dictionary<string, string?> SettingsWithPolicy()
    {
        var settings = Settings(_database);
        settings["SlaClocks:Calendars:DACH:TimeZone"] = "Europe/Berlin";
        settings["SlaClocks:Calendars:DACH:Holidays:0"] = "2025-04-18";
        settings["SlaClocks:Policies:0:Name"] = "lead-first-touch";
        settings["SlaClocks:Policies:0:ObjectName"] = "Lead";
        settings["SlaClocks:Policies:0:Market"] = "DACH";
        settings["SlaClocks:Policies:0:State"] = Open;
        settings["SlaClocks:Policies:0:Target"] = "04:00:00";
        settings["SlaClocks:Policies:0:PauseStates:0"] = "On Hold";
        settings["SlaClocks:Policies:0:StopWhen:0:Field"] = "FirstContactedAt__c";
        settings["SlaClocks:Policies:0:StopWhen:1:Activity"] = "notification";
        return settings;
    }

    private WorkerHarness CreateWorker(DateTimeOffset now) => WorkerHarness.Create(SettingsWithPolicy(), now);

    private Task<long> EventsAsync(string type) => _database.CountAsync("workflow_event", $"event_type = '{type}'");

    [Fact]
    public async Task RunOnceAsync_WritesEnteringAndLeavingTheState_StoreStartAndStopOnce()
    {
        using var worker = CreateWorker(Monday10.AddDays(1));
        await StoreAsync(worker, Write("Lead", "00Q1", "Status", Open, Monday10), Write("Lead", "00Q1", "Status", "Working - Contacted", Monday10.AddHours(1.5)));

        await worker.Job<SlaClockJob>().RunOnceAsync(CancellationToken.None);
        await worker.Job<SlaClockJob>().RunOnceAsync(CancellationToken.None);

        Assert.Equal(1, await EventsAsync("sla_started"));
        Assert.Equal(1, await EventsAsync("sla_stopped"));
        Assert.Equal(
            1,
            await _database.CountAsync(
                "workflow_event",
                "event_type = 'sla_stopped' AND sla_clock_state = 'stopped' AND sla_policy = 'lead-first-touch' AND sla_elapsed = interval '90 minutes' "
                + "AND sla_remaining = interval '150 minutes' AND actor_id = '005SDR' AND market = 'DACH' AND source_key = write_key"));
        Assert.Equal(0, await _database.CountAsync("sla_clock"));
        Assert.Equal(0, await EventsAsync("sla_breach"));
    }

    [Fact]
    public async Task RunOnceAsync_ClockRunsOutWithoutAnyWrite_BreachesAtTheDueInstant()
    {
        using var worker = CreateWorker(Monday10.AddHours(1));
        using var metrics = new MeterProbe(worker.Get<WorkerTelemetry>().Meter);
        await StoreAsync(worker, Write("Lead", "00Q2", "Status", Open, Monday10));

        await worker.Job<SlaClockJob>().RunOnceAsync(CancellationToken.None);
        Assert.Equal(1, await _database.CountAsync("sla_clock", $"record_id = '00Q2' AND status = 'running' AND due_at = '{DueAt.UtcDateTime:O}'"));
        Assert.Equal(0, await EventsAsync("sla_breach"));

        // Past the due instant, but not yet by SlaClocks:BreachDelay (5 minutes): a history poll may still bring a stop.
        worker.Time.SetUtcNow(DueAt.AddMinutes(3));
        await worker.Job<SlaClockJob>().RunOnceAsync(CancellationToken.None);
        Assert.Equal(0, await EventsAsync("sla_breach"));

        worker.Time.SetUtcNow(DueAt.AddMinutes(6));
        await worker.Job<SlaClockJob>().RunOnceAsync(CancellationToken.None);
        await worker.Job<SlaClockJob>().RunOnceAsync(CancellationToken.None);

        Assert.Equal(
            1,
            await _database.CountAsync(
                "workflow_event",
                $"event_type = 'sla_breach' AND occurred_at = '{DueAt.UtcDateTime:O}' AND sla_clock_state = 'breached' "
                + "AND sla_elapsed = interval '4 hours' AND sla_remaining = interval '0' AND actor_kind = 'system' AND actor_id IS NULL"));
        Assert.Equal(1, await _database.CountAsync("sla_clock", "record_id = '00Q2' AND breached_at IS NOT NULL AND due_at IS NULL"));
        Assert.Equal(1, metrics.Sum("crmsignal.sla.breaches", "policy=lead-first-touch", "market=DACH"));

        // The lead is contacted the next morning: the clock stops overdue, 3 h 30 min of office time past its breach.
        await StoreAsync(worker, Write("Lead", "00Q2", "FirstContactedAt__c", "2025-03-04T08:30:00Z", At("2025-03-04T09:30:00+01:00")));
        await worker.Job<SlaClockJob>().RunOnceAsync(CancellationToken.None);

        Assert.Equal(1, await _database.CountAsync("workflow_event", "event_type = 'sla_stopped' AND sla_elapsed = interval '7 hours 30 minutes'"));
        Assert.Equal(1, await EventsAsync("sla_breach"));
        Assert.Equal(0, await _database.CountAsync("sla_clock"));
    }

    [Fact]
    public async Task RunOnceAsync_PauseStateThenBack_StoresPauseAndResumeAndMovesTheDueInstant()
    {
        using var worker = CreateWorker(Monday10.AddDays(1));
        await StoreAsync(
            worker,
            Write("Lead", "00Q3", "Status", Open, Monday10),
            Write("Lead", "00Q3", "Status", "On Hold", Monday10.AddHours(1)),
            Write("Lead", "00Q3", "Status", Open, At("2025-03-04T09:00:00+01:00")));

        await worker.Job<SlaClockJob>().RunOnceAsync(CancellationToken.None);

        Assert.Equal(1, await EventsAsync("sla_paused"));
        Assert.Equal(1, await EventsAsync("sla_resumed"));
        // 1 h on Monday, 3 h left from Tuesday 09:00: due Tuesday 12:00 Berlin, which the fake clock (Tuesday 10:00) has not reached.
        Assert.Equal(1, await _database.CountAsync("sla_clock", $"record_id = '00Q3' AND due_at = '{At("2025-03-04T12:00:00+01:00").UtcDateTime:O}'"));
        Assert.Equal(0, await EventsAsync("sla_breach"));
    }

    [Fact]
    public async Task RunOnceAsync_ConfiguredActivityStoredAsWorkflowEvent_StopsTheClock()
    {
        using var worker = CreateWorker(Monday10.AddDays(1));
        await StoreAsync(worker, Write("Lead", "00Q6", "Status", Open, Monday10));
        var notification = new WorkflowEvent(
            "pe:/event/Workflow_Event__e:42", WorkflowEventType.Notification, "Lead", "00Q6", Monday10.AddMinutes(20), null, null, null, null,
            null, ActorKind.Automation, null, Channel.Automation, null, "301FLOW", "tx-flow", "DACH");
        await worker.Get<ChangeStore>().IngestAsync(new IngestBatch([], [notification], [], []), new Checkpoint("cdc:/event/Workflow_Event__e", null, null), CancellationToken.None);

        await worker.Job<SlaClockJob>().RunOnceAsync(CancellationToken.None);

        Assert.Equal(
            1,
            await _database.CountAsync("workflow_event", "event_type = 'sla_stopped' AND record_id = '00Q6' AND sla_elapsed = interval '20 minutes' AND correlation_id = 'tx-flow'"));
    }

    [Fact]
    public async Task RunOnceAsync_AfterARestartOrAFullReRun_StoresNothingTwice()
    {
        using (var first = CreateWorker(DueAt.AddHours(1)))
        {
            await StoreAsync(first, Write("Lead", "00Q4", "Status", Open, Monday10), Write("Lead", "00Q5", "Status", Open, Monday10));
            await first.Job<SlaClockJob>().RunOnceAsync(CancellationToken.None);
            await StoreAsync(first, Write("Lead", "00Q5", "Status", "Qualified", DueAt.AddMinutes(30)));
        }

        using (var restarted = CreateWorker(DueAt.AddHours(1)))
        {
            await restarted.Job<SlaClockJob>().RunOnceAsync(CancellationToken.None);
        }

        var events = await _database.CountAsync("workflow_event");
        Assert.Equal(5, events); // two starts, two breaches, one stop
        Assert.Equal(2, await EventsAsync("sla_breach"));

        // Forget everything the job keeps: deriving again from every stored write yields the same keys.
        await _database.ExecuteAsync("DELETE FROM checkpoint WHERE stream = 'derive:sla-clocks'; DELETE FROM sla_clock;");
        using (var again = CreateWorker(DueAt.AddHours(1)))
        {
            await again.Job<SlaClockJob>().RunOnceAsync(CancellationToken.None);
        }

        Assert.Equal(events, await _database.CountAsync("workflow_event"));
        Assert.Equal(1, await _database.CountAsync("sla_clock", "record_id = '00Q4'"));
    }

    [Fact]
    public async Task RunOnceAsync_TwoRunsAtOnce_StoreEachEventOnce()
    {
        using var a = CreateWorker(DueAt.AddHours(1));
        using var b = CreateWorker(DueAt.AddHours(1));
        await StoreAsync(a, Enumerable.Range(0, 50).Select(i => Write("Lead", $"00R{i}", "Status", Open, Monday10.AddMinutes(i))).ToArray());

        await Task.WhenAll(a.Job<SlaClockJob>().RunOnceAsync(CancellationToken.None), b.Job<SlaClockJob>().RunOnceAsync(CancellationToken.None));
        await a.Job<SlaClockJob>().RunOnceAsync(CancellationToken.None);

        Assert.Equal(50, await EventsAsync("sla_started"));
        Assert.Equal(50, await _database.CountAsync("sla_clock"));
    }
}
