using System.Globalization;

namespace CrmSignalWorker.Benchmarks;

/// <summary>
/// ChangeStore's COPY path against a per-row INSERT baseline, over pages of the simulated org's history: a small
/// page, a full page and a whole backfill (docs/benchmarks.md, "Ingest").
/// </summary>
internal sealed class HistoryIngestBenchmark(string server, TextWriter progress)
{
    public async Task RunAsync(bool quick, TextWriter output, CancellationToken ct)
    {
        progress.WriteLine("history: generating and normalizing the simulated org's history ...");
        // ~50k history rows: about 5.3 rows per opportunity and lead in the simulator's default 30-day scenario.
        var history = SimulatedHistory.Generate(opportunities: 5500, leads: 4000);
        var plans = new List<Plan>
        {
            // What a steady-state poll every few minutes sees: a short, partial page.
            new(history.Cut("small page (100 history rows)", pageSize: 100, maxPages: 1), Warmups: 5, Repetitions: 25),
            // One full page, the unit HistorySync writes during a backfill or catch-up.
            new(history.Cut("full page (2,000 history rows)", SimulatedHistory.PageSize, maxPages: 1), Warmups: 3, Repetitions: 15),
            // A whole 30-day backfill, page by page, one transaction each, into growing tables. Four timed passes keep
            // this benchmark near five minutes: the baseline takes 20-60 s a pass on this 2-core machine.
            new(history.Cut("backfill ~50k history rows, 2,000-row pages", SimulatedHistory.PageSize), Warmups: 1, Repetitions: 4,
                WarmupWorkload: history.Cut("backfill warm-up", SimulatedHistory.PageSize, maxPages: 3)),
        };
        if (quick)
        {
            plans = [.. plans.Select(p => p with { Warmups = 1, Repetitions = 2 })];
        }

        var loadBefore = MachineLoad.Read();
        var facts = await ServerFacts.ReadAsync(server, ct);
        var runner = new BenchmarkRunner(server, progress);
        var results = new List<CaseResult>();
        foreach (var plan in plans)
        {
            progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{plan.Workload.Name}: {plan.Workload.Rows:N0} rows in {plan.Workload.Pages.Count} page(s)"));
            results.AddRange(await runner.RunAsync(plan, ct));
        }

        MarkdownReport.Write(output, results, facts, plans, $"{loadBefore} at the start, {MachineLoad.Read()} at the end");
    }
}
