using System.Collections.Concurrent;
using System.Diagnostics;
using CrmSignalWorker.Telemetry;

namespace CrmSignalWorker.Benchmarks.ChangeStream;

/// <summary>One kind of traced operation and the time spent in it over a run.</summary>
internal sealed record TracedTime(string Name, int Calls, TimeSpan Total);

/// <summary>
/// A profile of the real pipeline without changing it, from the traces it already emits: the ingestor's
/// <c>cdc.ingest_batch</c> span around each batch's decode, normalization and write, and Npgsql's span around each
/// SQL statement and COPY. The time outside the batch spans is the ingestor waiting for and reading the stream.
/// Listening costs time of its own, so the benchmark profiles a separate, untimed run. Npgsql does not trace COMMIT
/// or taking a connection from the pool.
/// </summary>
internal sealed class TraceProfile : IDisposable
{
    public const string BatchSpan = "cdc.ingest_batch";

    private readonly ActivityListener _listener;
    private readonly ConcurrentDictionary<string, (int Calls, TimeSpan Total)> _byName = new(StringComparer.Ordinal);

    public TraceProfile()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Npgsql" or WorkerTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity => _byName.AddOrUpdate(
                activity.Source.Name == WorkerTelemetry.Name ? activity.OperationName : StatementName(activity),
                (1, activity.Duration),
                (_, sum) => (sum.Calls + 1, sum.Total + activity.Duration)),
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>The ingestor's batch spans.</summary>
    public TracedTime Batches => Find(BatchSpan);

    /// <summary>Every SQL statement and COPY, longest first.</summary>
    public IReadOnlyList<TracedTime> Statements =>
        [.. _byName.Where(n => n.Key != BatchSpan).Select(n => new TracedTime(n.Key, n.Value.Calls, n.Value.Total)).OrderByDescending(s => s.Total)];

    public void Dispose() => _listener.Dispose();

    private TracedTime Find(string name) =>
        _byName.TryGetValue(name, out var sum) ? new TracedTime(name, sum.Calls, sum.Total) : new TracedTime(name, 0, TimeSpan.Zero);

    /// <summary>The statement's first words up to its column list: "INSERT INTO field_change", "CREATE TEMP TABLE staged_field_change".</summary>
    private static string StatementName(Activity activity)
    {
        var sql = activity.GetTagItem("db.query.text") as string ?? activity.DisplayName;
        var words = sql.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return words.Length == 0 ? activity.DisplayName : string.Join(' ', words.TakeWhile(w => !w.StartsWith('(')).Take(words[0] == "CREATE" ? 4 : 3));
    }
}
