namespace CrmSignalWorker.Benchmarks;

/// <summary>One timed pass over a workload.</summary>
internal readonly record struct Sample(TimeSpan Elapsed, long AllocatedBytes, int Rows)
{
    public double RowsPerSecond => Rows / Elapsed.TotalSeconds;
}

/// <summary>Median and range of several passes; the median because one slow pass (a checkpoint, a GC) should not move it.</summary>
internal sealed record Summary(int Count, double MedianRowsPerSecond, double MinRowsPerSecond, double MaxRowsPerSecond, TimeSpan MedianElapsed, double MedianAllocatedBytes)
{
    public static Summary Of(IReadOnlyCollection<Sample> samples)
    {
        if (samples.Count == 0)
        {
            throw new ArgumentException("At least one sample is needed.", nameof(samples));
        }

        var rates = samples.Select(s => s.RowsPerSecond).ToArray();
        return new Summary(
            samples.Count,
            Median(rates),
            rates.Min(),
            rates.Max(),
            TimeSpan.FromTicks((long)Median(samples.Select(s => (double)s.Elapsed.Ticks).ToArray())),
            Median(samples.Select(s => (double)s.AllocatedBytes).ToArray()));
    }

    /// <summary>(max − min) / median: the whole spread of the passes relative to the figure reported.</summary>
    public double RelativeSpread => (MaxRowsPerSecond - MinRowsPerSecond) / MedianRowsPerSecond;

    public static double Median(double[] values)
    {
        Array.Sort(values);
        var middle = values.Length / 2;
        return values.Length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}

/// <summary>One row of the report: a workload in one phase, measured for both methods.</summary>
internal sealed record CaseResult(string Case, int Rows, int Pages, Summary Copy, Summary Baseline, IReadOnlyList<double> PairedRatios)
{
    /// <summary>
    /// Pairs the i-th timed pass of each method (run back to back) and divides their throughputs. The median of
    /// these paired ratios cancels load that drifts over the run, which a ratio of two separate medians does not.
    /// </summary>
    public static CaseResult Of(string name, Workload workload, IReadOnlyList<Sample> copy, IReadOnlyList<Sample> baseline) =>
        new(name, workload.Rows, workload.Pages.Count, Summary.Of([.. copy]), Summary.Of([.. baseline]),
            [.. copy.Zip(baseline, (c, b) => c.RowsPerSecond / b.RowsPerSecond)]);

    /// <summary>How many times the baseline's throughput COPY reaches: the median of the paired ratios.</summary>
    public double Ratio => Summary.Median([.. PairedRatios]);
}
