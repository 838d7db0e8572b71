using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using CrmSignalWorker.Salesforce.Rest;

namespace CrmSignalWorker.UnitTests.Salesforce;

/// <summary>
/// A <see cref="SalesforceTelemetry"/> on a meter of its own, with a listener that keeps what its instruments
/// record; listening to that one meter instance keeps tests running in parallel apart.
/// </summary>
internal sealed class TelemetryProbe : IDisposable
{
    private readonly OwnMeterFactory _meters = new();
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(string Instrument, long Value, Dictionary<string, string?> Tags)> _measurements = new();

    public TelemetryProbe()
    {
        Telemetry = new SalesforceTelemetry(_meters, Usage);
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, Telemetry.Meter))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var byKey = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var tag in tags)
            {
                byKey[tag.Key] = tag.Value?.ToString();
            }

            _measurements.Enqueue((instrument.Name, value, byKey));
        });
        _listener.Start();
    }

    public SalesforceApiUsage Usage { get; } = new();

    public SalesforceTelemetry Telemetry { get; }

    /// <summary>The sum recorded by <paramref name="instrument"/> with every tag of <paramref name="tags"/> ("key=value").</summary>
    public long Sum(string instrument, params string[] tags) => _measurements
        .Where(m => m.Instrument == instrument && tags.All(t => m.Tags.TryGetValue(t[..t.IndexOf('=', StringComparison.Ordinal)], out var v) && v == t[(t.IndexOf('=', StringComparison.Ordinal) + 1)..]))
        .Sum(m => m.Value);

    /// <summary>The latest value of an observable gauge.</summary>
    public long? Observe(string instrument)
    {
        _listener.RecordObservableInstruments();
        return _measurements.Where(m => m.Instrument == instrument).Select(m => (long?)m.Value).LastOrDefault();
    }

    public void Dispose()
    {
        _listener.Dispose();
        Telemetry.Dispose();
        _meters.Dispose();
    }

    private sealed class OwnMeterFactory : IMeterFactory
    {
        private readonly List<Meter> _created = [];

        public Meter Create(MeterOptions options)
        {
            var meter = new Meter(options.Name, options.Version, options.Tags, this);
            _created.Add(meter);
            return meter;
        }

        public void Dispose() => _created.ForEach(m => m.Dispose());
    }
}
