using System.Text.RegularExpressions;
using CrmSignalWorker.Hosting;
using CrmSignalWorker.IntegrationTests.Infrastructure;
using CrmSignalWorker.Salesforce.Limits;
using CrmSignalWorker.Salesforce.Rest;
using CrmSignalWorker.Simulator;
using CrmSignalWorker.Sources;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CrmSignalWorker.IntegrationTests.SalesforceResilience;

/// <summary>
/// The API budget guard with the real job runner, history poller and /limits check, against a simulated org
/// whose daily allocation is tiny and rolls on its own fake clock.
/// </summary>
public sealed partial class ApiBudgetTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2025, 3, 3, 9, 0, 0, TimeSpan.Zero);
    private readonly PostgresDatabase _database = new();
    private readonly FakeTimeProvider _orgTime = new(Start);
    private SimulatedOrgOptions _orgOptions = null!;
    private SimulatedOrg? _org;

    private SimulatedOrg Org => _org!;

    public Task InitializeAsync() => _database.InitializeAsync();

    public async Task DisposeAsync()
    {
        if (_org is not null)
        {
            await _org.DisposeAsync();
        }

        await _database.DisposeAsync();
    }

    private async Task<WorkerHarness> StartAsync(int dailyApiLimit, double budgetShare)
    {
        // A small org, so every query is one page and a history poll costs a handful of calls.
        _orgOptions = new SimulatedOrgOptions { Seed = 5, Days = 3, Opportunities = 5, Leads = 2, DailyApiLimit = dailyApiLimit };
        _org = await SimulatedOrg.StartAsync(_orgOptions, _orgTime);
        var settings = WorkerHarness.BaseSettings(_database, _org, _orgOptions);
        settings["Salesforce:ApiBudgetShare"] = budgetShare.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return WorkerHarness.Create(settings, Start);
    }

    private static PeriodicJobService<TJob> Runner<TJob>(WorkerHarness worker, TJob job)
        where TJob : IPeriodicJob =>
        new(job, worker.Get<ApiBudgetGuard>(), worker.Get<SalesforceTelemetry>(), worker.Time, NullLogger<PeriodicJobService<TJob>>.Instance);

    /// <summary>The objects named in the FROM clause of the queries the org received after <paramref name="skip"/>.</summary>
    private List<string> QueriedObjectsSince(int skip) =>
        Org.ReceivedQueries.Skip(skip).Select(q => FromObject().Match(q).Groups[1].Value).ToList();

    [GeneratedRegex(@"\bFROM\s+(\w+)", RegexOptions.IgnoreCase)]
    private static partial Regex FromObject();

    [Fact]
    public async Task RequestLimitExceeded_PausesAllPollingUntilGetLimitsShowsTheAllocationBack()
    {
        using var worker = await StartAsync(dailyApiLimit: 9, budgetShare: 1.0);
        var budget = worker.Get<ApiBudgetGuard>();
        var history = Runner(worker, worker.Get<HistorySync>());
        var limitsCheck = worker.Get<ApiLimitsCheck>();

        // Poll until the org answers REQUEST_LIMIT_EXCEEDED; the run that meets it ends quietly.
        for (var tick = 0; tick < 5 && budget.State.Pause != BudgetPause.LimitExceeded; tick++)
        {
            Assert.True(await history.RunTickAsync(CancellationToken.None));
        }

        Assert.Equal(BudgetPause.LimitExceeded, budget.State.Pause);
        var received = Org.ReceivedQueries.Count;

        // While the allocation is used up, polls are skipped without a call, and /limits (refused too) changes nothing.
        Assert.False(await history.RunTickAsync(CancellationToken.None));
        await limitsCheck.RunOnceAsync(CancellationToken.None);
        Assert.False(await history.RunTickAsync(CancellationToken.None));
        Assert.Equal(received, Org.ReceivedQueries.Count);
        Assert.Equal(BudgetPause.LimitExceeded, budget.State.Pause);

        // A day later the calls have aged out of the rolling window: the next /limits reading resumes polling.
        _orgTime.Advance(TimeSpan.FromHours(24));
        worker.Time.Advance(TimeSpan.FromHours(24));
        await limitsCheck.RunOnceAsync(CancellationToken.None);

        Assert.Equal(BudgetPause.None, budget.State.Pause);
        Assert.True(await history.RunTickAsync(CancellationToken.None));
        Assert.Contains("OpportunityFieldHistory", QueriedObjectsSince(received));
        Assert.Equal(BudgetPause.None, budget.State.Pause);
    }

    [Fact]
    public async Task BudgetShareCrossed_PausesEnrichmentAndNonEssentialJobsButNotHistoryPolling()
    {
        using var worker = await StartAsync(dailyApiLimit: 20, budgetShare: 0.25);
        var budget = worker.Get<ApiBudgetGuard>();
        var history = Runner(worker, worker.Get<HistorySync>());
        var enrichment = Runner(worker, new RecordEnrichmentJob(worker.Get<RecordSync>()));

        Assert.True(await history.RunTickAsync(CancellationToken.None));
        Assert.Equal(BudgetPause.ShareExceeded, budget.State.Pause);
        var received = Org.ReceivedQueries.Count;
        var fieldChanges = await _database.CountAsync("field_change");

        Assert.False(await enrichment.RunTickAsync(CancellationToken.None));
        Assert.True(await history.RunTickAsync(CancellationToken.None));

        // The second poll read every history object, and neither users nor records.
        Assert.Equal(["LeadHistory", "OpportunityFieldHistory", "OpportunityHistory"], QueriedObjectsSince(received).Order(StringComparer.Ordinal));
        Assert.Equal(fieldChanges, await _database.CountAsync("field_change"));
        Assert.True(fieldChanges > 0);
        var state = budget.State;
        Assert.Equal(Start, state.PausedSince);
        Assert.Equal(20, state.Max);
        Assert.True(state.Share >= 0.25);
    }

    /// <summary>Record sync as a job of its own, the way an enrichment job declares itself to the runner.</summary>
    private sealed class RecordEnrichmentJob(RecordSync records) : IPeriodicJob
    {
        public string Name => "record-enrichment";

        public TimeSpan Interval => TimeSpan.FromMinutes(5);

        public ApiDemand Demand => ApiDemand.NonEssential;

        public Task RunOnceAsync(CancellationToken ct) => records.SyncAsync(ct);
    }
}
