using CrmSignalWorker.Core.Audit;
using CrmSignalWorker.IntegrationTests.Infrastructure;
using CrmSignalWorker.Simulator;
using CrmSignalWorker.Sources;
using CrmSignalWorker.Storage.Audit;
using CrmSignalWorker.Telemetry;
using Dapper;

namespace CrmSignalWorker.IntegrationTests.Pipeline;

/// <summary>Simulated org → SetupAuditTrail poller → classifier → Postgres → "what changed before the spike", over real sockets and a real database.</summary>
public sealed class SetupAuditTrailPipelineTests : IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();
    private readonly SimulatedOrgOptions _orgOptions = new() { Seed = 11, Opportunities = 120, Leads = 40, DefaultBatchSize = 200 };
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

    private SimSetupAudit Audit => _org.Scenario.SetupAudit;

    private WorkerHarness CreateWorker(Action<Dictionary<string, string?>>? configure = null)
    {
        var settings = WorkerHarness.BaseSettings(_database, _org, _orgOptions);
        // Small pages, so every full read crosses at least one nextRecordsUrl.
        settings["Salesforce:BatchSize"] = "200";
        settings["SetupAudit:InitialBackfill"] = (_orgOptions.Days + 5) + ".00:00:00";
        configure?.Invoke(settings);
        return WorkerHarness.Create(settings);
    }

    private async Task<List<string>> StoredIdsAsync()
    {
        await using var connection = await _database.DataSource.OpenConnectionAsync();
        return [.. await connection.QueryAsync<string>("SELECT id FROM configuration_change ORDER BY id")];
    }

    [Fact]
    public async Task RunOnceAsync_TwoPollsAndAReReadOfEverything_StoreEveryAuditRowExactlyOnce()
    {
        Assert.True(Audit.Rows.Count > 200, "the scenario's audit trail must span more than one query page");
        using var worker = CreateWorker(s => s["SetupAudit:Overlap"] = "1.00:00:00");
        var sync = worker.Get<SetupAuditTrailSync>();
        await sync.RunOnceAsync(CancellationToken.None);
        var newest = Audit.Rows[^1].CreatedDate;
        var queriesBefore = _org.ReceivedQueries.Count;

        // The second poll re-reads the last day of the trail from the stored watermark.
        await sync.RunOnceAsync(CancellationToken.None);
        var second = Assert.Single(_org.ReceivedQueries.Skip(queriesBefore), q => q.Contains("FROM SetupAuditTrail", StringComparison.Ordinal));
        Assert.Contains($"CreatedDate >= {newest.AddDays(-1).UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}", second, StringComparison.Ordinal);
        Assert.Contains(Audit.Rows, r => r.CreatedDate >= newest.AddDays(-1) && r != Audit.Rows[^1]);
        // A lost checkpoint makes the next poll read the whole trail again; the audit row ids keep it from doubling.
        await _database.ExecuteAsync($"DELETE FROM checkpoint WHERE stream = '{SetupAuditTrailSync.Stream}'");
        await sync.RunOnceAsync(CancellationToken.None);

        Assert.Equal(Audit.Rows.Select(r => r.Id).Order(StringComparer.Ordinal), await StoredIdsAsync());
    }

    [Fact]
    public async Task RunOnceAsync_FromEmptyStore_StoresTheWatermarkWithTheRows()
    {
        using var worker = CreateWorker();

        await worker.Get<SetupAuditTrailSync>().RunOnceAsync(CancellationToken.None);

        await using var connection = await _database.DataSource.OpenConnectionAsync();
        var watermark = await connection.QuerySingleAsync<DateTime>(
            "SELECT watermark FROM checkpoint WHERE stream = @stream", new { stream = SetupAuditTrailSync.Stream });
        Assert.Equal(Audit.Rows[^1].CreatedDate, new DateTimeOffset(DateTime.SpecifyKind(watermark, DateTimeKind.Utc)));
    }

    [Fact]
    public async Task BetweenAsync_TheHoursBeforeTheSpike_ReturnTheFlowActivationWithWhoAndWhich()
    {
        using var worker = CreateWorker();
        await worker.Get<SetupAuditTrailSync>().RunOnceAsync(CancellationToken.None);
        var store = worker.Get<ConfigurationChangeStore>();
        var spike = Audit.SpikeStartsAt;

        var activations = await store.BetweenAsync(spike.AddHours(-6), spike, [ConfigurationChangeKind.FlowActivated], CancellationToken.None);
        var everything = await store.BetweenAsync(spike.AddHours(-6), spike, kinds: null, CancellationToken.None);

        var activation = Assert.Single(activations);
        Assert.Equal(Audit.FlowActivation.Id, activation.Id);
        Assert.Equal(Audit.FlowApiName, activation.Component);
        Assert.Equal(Audit.FlowActivation.CreatedDate, activation.ChangedAt);
        Assert.Equal(_org.Scenario.RunAsUserId, activation.ChangedById);
        Assert.Equal(
            Audit.Rows.Where(r => r.CreatedDate >= spike.AddHours(-6) && r.CreatedDate < spike).Select(r => r.Id),
            everything.Select(c => c.Id));
    }

    [Fact]
    public async Task BetweenAsync_WindowEndingAtTheActivation_DoesNotIncludeIt()
    {
        using var worker = CreateWorker();
        await worker.Get<SetupAuditTrailSync>().RunOnceAsync(CancellationToken.None);
        var at = Audit.FlowActivation.CreatedDate;

        var before = await worker.Get<ConfigurationChangeStore>().BetweenAsync(at.AddDays(-1), at, [ConfigurationChangeKind.FlowActivated], CancellationToken.None);

        Assert.Empty(before);
    }

    [Fact]
    public async Task RunOnceAsync_FromEmptyStore_StoresThePlantedChangesAsTheirKinds()
    {
        using var worker = CreateWorker();

        await worker.Get<SetupAuditTrailSync>().RunOnceAsync(CancellationToken.None);

        await using var connection = await _database.DataSource.OpenConnectionAsync();
        var kinds = (await connection.QueryAsync<(string Id, string Kind)>("SELECT id, kind FROM configuration_change")).ToDictionary(r => r.Id, r => r.Kind);
        Assert.Equal("flow_activated", kinds[Audit.FlowActivation.Id]);
        Assert.Equal("validation_rule_changed", kinds[Audit.ValidationRuleEdit.Id]);
        Assert.Equal("assignment_rule_changed", kinds[Audit.AssignmentRuleChange.Id]);
        Assert.All(Audit.Rows.Where(r => r.Action == "resetpassword"), r => Assert.Equal("other", kinds[r.Id]));
        Assert.Single(kinds, k => k.Value == "flow_activated");
    }

    [Fact]
    public async Task RunOnceAsync_CountsStoredChangesInItsMetric_AndNotTheReReadOnes()
    {
        using var worker = CreateWorker();
        var meter = worker.Get<WorkerTelemetry>().Meter;
        long counted = 0;
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter == meter && instrument.Name == "crmsignal.configuration_changes.ingested")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref counted, value));
        listener.Start();

        await worker.Get<SetupAuditTrailSync>().RunOnceAsync(CancellationToken.None);
        await worker.Get<SetupAuditTrailSync>().RunOnceAsync(CancellationToken.None);

        Assert.Equal(Audit.Rows.Count, Interlocked.Read(ref counted));
    }

    [Fact]
    public async Task RunOnceAsync_WhenTheCheckpointCannotBeWritten_StoresNoChangeOfThatPage()
    {
        using var worker = CreateWorker();
        await _database.ExecuteAsync(
            $"""
            CREATE FUNCTION refuse_audit_checkpoint() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF NEW.stream = '{SetupAuditTrailSync.Stream}' AND NEW.watermark IS NOT NULL THEN
                    RAISE EXCEPTION 'simulated crash before commit';
                END IF;
                RETURN NEW;
            END $$;
            CREATE TRIGGER crash_before_commit BEFORE INSERT OR UPDATE ON checkpoint
            FOR EACH ROW EXECUTE FUNCTION refuse_audit_checkpoint();
            """);

        await Assert.ThrowsAnyAsync<Npgsql.PostgresException>(() => worker.Get<SetupAuditTrailSync>().RunOnceAsync(CancellationToken.None));

        Assert.Equal(0, await _database.CountAsync("configuration_change"));
    }

    [Fact]
    public async Task RunOnceAsync_WhenDisabled_DoesNotQueryTheAuditTrail()
    {
        using var worker = CreateWorker(s => s["SetupAudit:Enabled"] = "false");

        await worker.Get<SetupAuditTrailSync>().RunOnceAsync(CancellationToken.None);

        Assert.DoesNotContain(_org.ReceivedQueries, q => q.Contains("SetupAuditTrail", StringComparison.Ordinal));
        Assert.Equal(0, await _database.CountAsync("configuration_change"));
    }
}
