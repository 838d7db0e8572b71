using CrmSignalWorker.Core.Signals;
using CrmSignalWorker.IntegrationTests.Infrastructure;
using CrmSignalWorker.Storage.Signals;

namespace CrmSignalWorker.IntegrationTests.Storage;

/// <summary>Evaluations replace a range of days as a whole, even when two evaluators overlap.</summary>
public sealed class SignalStoreTests : IAsyncLifetime
{
    private static readonly DateOnly Monday = new(2026, 11, 16);
    private static readonly DateTimeOffset EvaluatedAt = new(2026, 11, 23, 6, 0, 0, TimeSpan.Zero);
    private static readonly string[] Segments = ["EMEA", "NA"];
    private readonly PostgresDatabase _database = new();
    private SignalStore _store = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _store = new SignalStore(_database.DataSource);
    }

    public Task DisposeAsync() => _database.DisposeAsync();

    private static List<SignalValue> Week(int numerator) => Enumerable.Range(0, 7)
        .SelectMany(d => Segments.Select(segment =>
            new SignalValue(SignalNames.SameDayStageJumps, Monday.AddDays(d), segment, numerator, 10, 0.2m, [$"006{d}{segment}"])))
        .ToList();

    [Fact]
    public async Task ReplaceAsync_OverlappingEvaluationsOfOneSignal_NeitherFails_AndOneWholeResultRemains()
    {
        // A leader change lets two replicas evaluate at once for up to one renewal interval.
        var runs = Enumerable.Range(1, 8)
            .Select(n => Task.Run(() => _store.ReplaceAsync(SignalNames.SameDayStageJumps, Monday, Monday.AddDays(6), Week(n), EvaluatedAt, CancellationToken.None)));
        await Task.WhenAll(runs);

        var stored = await _store.ReadAsync(SignalNames.SameDayStageJumps, Monday, Monday.AddDays(6), CancellationToken.None);
        Assert.Equal(14, stored.Count);
        Assert.Single(stored.Select(v => v.Numerator).Distinct());
    }
}
