using System.Globalization;

namespace CrmSignalWorker.Benchmarks;

/// <summary>The results as a markdown table, ready to paste into docs/benchmarks.md.</summary>
internal static class MarkdownReport
{
    public static void Write(TextWriter output, IReadOnlyList<CaseResult> results, ServerFacts server, IReadOnlyList<Plan> plans, string load)
    {
        output.WriteLine("| case | rows | COPY median rows/s (min–max) | baseline median rows/s (min–max) | COPY/baseline median (min–max) | allocated MB COPY / baseline |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Case} | {r.Rows:N0} | {Rate(r.Copy)} | {Rate(r.Baseline)} | {r.Ratio:F1}× ({r.PairedRatios.Min():F1}–{r.PairedRatios.Max():F1}) | {Allocated(r.Copy, r.Rows)} / {Allocated(r.Baseline, r.Rows)} |"));
        }

        output.WriteLine();
        output.WriteLine("rows = field changes + workflow events written; a page is one transaction (rows + checkpoint).");
        output.WriteLine("rows/s: median of the timed passes, min–max the whole range. COPY/baseline: median of the ratios of passes run back to back.");
        output.WriteLine("Allocated: bytes allocated in the process during a pass (median), whole MB and per row.");
        foreach (var plan in plans)
        {
            var w = plan.Workload;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"- {w.Name}: {w.HistoryRows:N0} history rows → {w.FieldChanges:N0} field changes + {w.WorkflowEvents:N0} workflow events in {w.Pages.Count} page(s); {plan.Warmups} warm-up{(plan.WarmupWorkload is { } warmup ? $" ({warmup.Pages.Count} pages)" : "")} + {plan.Repetitions} timed passes per method."));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"- Server: PostgreSQL {server.Version}, fsync={server.Fsync}, synchronous_commit={server.SynchronousCommit}; median `SELECT 1` round trip {server.RoundTrip.TotalMicroseconds:F0} µs; client and server share {Environment.ProcessorCount} logical CPUs; .NET {Environment.Version}."));
        output.WriteLine($"- Load average (1/5/15 min) {load}: other work on the machine slows both methods and widens the ranges.");
    }

    private static string Rate(Summary s) =>
        string.Create(CultureInfo.InvariantCulture, $"{s.MedianRowsPerSecond:N0} ({s.MinRowsPerSecond:N0}–{s.MaxRowsPerSecond:N0})");

    private static string Allocated(Summary s, int rows) =>
        string.Create(CultureInfo.InvariantCulture, $"{s.MedianAllocatedBytes / (1024 * 1024):F2} ({s.MedianAllocatedBytes / rows:N0} B/row)");
}
