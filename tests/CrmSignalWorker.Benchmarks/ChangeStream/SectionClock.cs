using System.Diagnostics;

namespace CrmSignalWorker.Benchmarks.ChangeStream;

/// <summary>The parts of the ingestor's per-response work before the write, timed separately.</summary>
internal enum Section
{
    Decode,
    Directory,
    Markets,
    Normalize,
}

/// <summary>Time spent in each <see cref="Section"/>, summed over a run: Stopwatch sections in place of a profiler.</summary>
internal sealed class SectionClock
{
    private readonly long[] _ticks = new long[Enum.GetValues<Section>().Length];

    public static long Start() => Stopwatch.GetTimestamp();

    public void Stop(Section section, long started) => _ticks[(int)section] += Stopwatch.GetTimestamp() - started;

    public TimeSpan this[Section section] => Stopwatch.GetElapsedTime(0, _ticks[(int)section]);
}
