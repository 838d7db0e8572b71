using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace CrmSignalWorker.IntegrationTests.Infrastructure;

/// <summary>
/// Keeps what the instruments of one meter instance record. Listening to the instance rather than the meter
/// name keeps the measurements of workers in other tests, running in parallel, out.
/// </summary>
public sealed class MeterProbe : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(string Instrument, long Value, Dictionary<string, string?> Tags)> _measurements = new();

    public MeterProbe(Meter meter)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, meter))
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

    /// <summary>The sum recorded by <paramref name="instrument"/> with every tag of <paramref name="tags"/> ("key=value").</summary>
    public long Sum(string instrument, params string[] tags) => _measurements
        .Where(m => m.Instrument == instrument && tags.All(t => HasTag(m.Tags, t)))
        .Sum(m => m.Value);

    public void Dispose() => _listener.Dispose();

    private static bool HasTag(Dictionary<string, string?> tags, string keyValue)
    {
        var split = keyValue.IndexOf('=', StringComparison.Ordinal);
        return tags.TryGetValue(keyValue[..split], out var value) && value == keyValue[(split + 1)..];
    }
}
