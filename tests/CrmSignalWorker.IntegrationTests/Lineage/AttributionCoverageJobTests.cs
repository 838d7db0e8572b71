using System.Diagnostics.Metrics;
using CrmSignalWorker.Digests;
using CrmSignalWorker.IntegrationTests.Infrastructure;
using CrmSignalWorker.Lineage;
using CrmSignalWorker.Telemetry;

namespace CrmSignalWorker.IntegrationTests.Lineage;

/// <summary>Attribution coverage as operators see it: the gauge the periodic job keeps, and the digest's lines.</summary>
public sealed class AttributionCoverageJobTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);
    private readonly PostgresDatabase _database = new();
    private StoredWrites _writes = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _writes = new StoredWrites(_database);
    }

    public Task DisposeAsync() => _database.DisposeAsync();

    // Salesforce is configured but never called: coverage reads only the store.
    private WorkerHarness CreateWorker() => WorkerHarness.Create(
        new Dictionary<string, string?>
        {
            ["Postgres:ConnectionString"] = _database.ConnectionString,
            ["Redis:Configuration"] = TestEnvironment.RedisConfiguration,
            ["Salesforce:LoginUrl"] = "https://example.invalid",
            ["Salesforce:ClientId"] = "client",
            ["Salesforce:ClientSecret"] = "secret",
            ["Digest:Slack"] = "false",
        },
        Now);

    private async Task SeedAsync()
    {
        // Opportunity from CDC: 3 of 4 stage and owner changes attributed; from history: 0 of 2.
        await _writes.AddFieldChangeAsync("Opportunity", "StageName", Now.AddDays(-1), "integration", "Integration", "api");
        await _writes.AddFieldChangeAsync("Opportunity", "StageName", Now.AddDays(-1), "human", "AE", "ui");
        await _writes.AddFieldChangeAsync("Opportunity", "OwnerId", Now.AddDays(-2), "automation", "Automation", "automation");
        await _writes.AddFieldChangeAsync("Opportunity", "OwnerId", Now.AddDays(-2), "unknown", null, "api");
        await _writes.AddFieldChangeAsync("Opportunity", "StageName", Now.AddDays(-1), "human", "AE", "unknown", source: "history");
        await _writes.AddFieldChangeAsync("Opportunity", "StageName", Now.AddDays(-3), "human", "AE", "unknown", source: "history");
        // Not a stage or owner field, and a change before the 30-day window: neither counts.
        await _writes.AddFieldChangeAsync("Opportunity", "Amount", Now.AddDays(-1), "human", "AE", "unknown", source: "history");
        await _writes.AddFieldChangeAsync("Lead", "Status", Now.AddDays(-31), "human", "SDR", "unknown", source: "history");
    }

    [Fact]
    public async Task RunOnceAsync_SetsTheCoverageGaugePerObjectAndSource_FromTheLastWindow()
    {
        await SeedAsync();
        using var worker = CreateWorker();

        await worker.Get<AttributionCoverageJob>().RunOnceAsync(CancellationToken.None);

        var gauges = Observe(worker.Get<WorkerTelemetry>().Meter);
        Assert.Equal(
            [("crmsignal.attribution.changes", "Opportunity", "cdc", 4d), ("crmsignal.attribution.changes", "Opportunity", "history", 2d),
             ("crmsignal.attribution.coverage", "Opportunity", "cdc", 0.75d), ("crmsignal.attribution.coverage", "Opportunity", "history", 0d)],
            gauges.Order());
    }

    [Fact]
    public async Task ComposeAsync_PutsThePeriodsCoverageInTheDigest()
    {
        await SeedAsync();
        using var worker = CreateWorker();
        var yesterday = DateOnly.FromDateTime(Now.UtcDateTime).AddDays(-1);

        var digest = await worker.Get<DigestComposer>().ComposeAsync(yesterday, yesterday, CancellationToken.None);

        var opportunity = Assert.Single(digest.Coverage!.ByObject);
        // Yesterday only: two CDC stage changes (both attributed) and one history stage change (path unknown).
        Assert.Equal(("Opportunity", 3L, 2L, false), (opportunity.ObjectName, opportunity.Changes, opportunity.Attributed, opportunity.MeetsTarget));
    }

    private static List<(string Instrument, string Object, string Source, double Value)> Observe(Meter meter)
    {
        var seen = new List<(string, string, string, double)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter, meter) && instrument.Name.StartsWith("crmsignal.attribution.", StringComparison.Ordinal))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            string? objectName = null, source = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "object")
                {
                    objectName = tag.Value as string;
                }
                else if (tag.Key == "source")
                {
                    source = tag.Value as string;
                }
            }

            seen.Add((instrument.Name, objectName!, source!, value));
        }

        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        listener.Start();
        listener.RecordObservableInstruments();
        return seen;
    }
}
