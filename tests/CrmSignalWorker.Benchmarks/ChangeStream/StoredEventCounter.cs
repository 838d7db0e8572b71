using System.Diagnostics;
using System.Diagnostics.Metrics;
using CrmSignalWorker.Telemetry;

namespace CrmSignalWorker.Benchmarks.ChangeStream;

/// <summary>
/// Tells when the ingestor has stored a given number of events, by listening to the worker's own
/// <c>crmsignal.stream.events</c> counter: the ingestor adds to it right after each batch's transaction commits, so
/// the instant the count is reached is the instant the last event is durable. No polling of the database, which
/// would compete with the run for the same two cores.
/// </summary>
internal sealed class StoredEventCounter : IDisposable
{
    private const string InstrumentName = "crmsignal.stream.events";

    private readonly MeterListener _listener = new();
    private long _stored;
    private long _otherOutcomes;
    private long _expected = long.MaxValue;
    private TaskCompletionSource<long> _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public StoredEventCounter()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == WorkerTelemetry.Name && instrument.Name == InstrumentName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>(OnMeasurement);
        _listener.Start();
    }

    /// <summary>Events reported with another outcome than stored (gap, quarantined) since <see cref="Expect"/>.</summary>
    public long OtherOutcomes => Interlocked.Read(ref _otherOutcomes);

    /// <summary>Starts counting from zero; the task completes with the <see cref="Stopwatch"/> timestamp of the commit that reached <paramref name="events"/>.</summary>
    public Task<long> Expect(int events)
    {
        _reached = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        Interlocked.Exchange(ref _stored, 0);
        Interlocked.Exchange(ref _otherOutcomes, 0);
        Interlocked.Exchange(ref _expected, events);
        return _reached.Task;
    }

    private void OnMeasurement(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        // Taken first, so the bookkeeping below is not part of the run.
        var now = Stopwatch.GetTimestamp();
        if (value == 0)
        {
            return;
        }

        foreach (var tag in tags)
        {
            if (tag.Key != "outcome")
            {
                continue;
            }

            if (!Equals(tag.Value, "stored"))
            {
                Interlocked.Add(ref _otherOutcomes, value);
            }
            else if (Interlocked.Add(ref _stored, value) >= Interlocked.Read(ref _expected))
            {
                _reached.TrySetResult(now);
            }
        }
    }

    public void Dispose() => _listener.Dispose();
}
