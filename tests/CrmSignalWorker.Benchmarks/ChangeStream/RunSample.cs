using System.Diagnostics;

namespace CrmSignalWorker.Benchmarks.ChangeStream;

/// <summary>One timed run over all the published events.</summary>
/// <param name="WorkingSetAtStart">Resident memory when the run began, after a full GC: what the process already held.</param>
/// <param name="PeakWorkingSet">The highest resident memory during the run (see <see cref="RunMeter"/>).</param>
/// <param name="PeakIsOwn">Whether <paramref name="PeakWorkingSet"/> is the run's own, rather than the process's since it started.</param>
internal readonly record struct RunSample(TimeSpan Elapsed, long AllocatedBytes, long WorkingSetAtStart, long PeakWorkingSet, bool PeakIsOwn, int Events, int Rows)
{
    public double EventsPerSecond => Events / Elapsed.TotalSeconds;

    public double RowsPerSecond => Rows / Elapsed.TotalSeconds;
}

/// <summary>
/// Takes a run's time, allocations and peak memory. Allocations are counted process-wide
/// (<see cref="GC.GetTotalAllocatedBytes"/>): the pipeline continues on pool threads, and the simulated org serves
/// the stream from the same process, so its allocations are counted too. The peak is Linux's VmHWM, reset before each
/// run by writing 5 to /proc/self/clear_refs; where that is not possible it is the peak since the process started.
/// </summary>
internal static class RunMeter
{
    private const string ClearRefs = "/proc/self/clear_refs";

    /// <param name="run">Does the work and returns the <see cref="Stopwatch"/> timestamp at which it counts as done.</param>
    public static async Task<RunSample> MeasureAsync(int events, int rows, Func<Task<long>> run)
    {
        // Start each run with no garbage from the previous one, so it does not pay for its predecessor's collections.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        var peakIsOwn = TryResetPeak();
        var workingSet = Environment.WorkingSet;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var started = Stopwatch.GetTimestamp();
        var finished = await run();
        var elapsed = Stopwatch.GetElapsedTime(started, finished);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        using var process = Process.GetCurrentProcess();
        return new RunSample(elapsed, allocated, workingSet, process.PeakWorkingSet64, peakIsOwn, events, rows);
    }

    private static bool TryResetPeak()
    {
        try
        {
            File.WriteAllText(ClearRefs, "5");
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
