using System.Diagnostics;
using System.Globalization;
using CrmSignalWorker.Benchmarks;

// Ingest benchmark: ChangeStore's COPY path against a per-row INSERT baseline, both in this process.
// The markdown table goes to stdout; progress goes to stderr. See docs/benchmarks.md.
var server = Environment.GetEnvironmentVariable("CRMSIGNAL_POSTGRES");
if (string.IsNullOrWhiteSpace(server))
{
    Console.Error.WriteLine(
        "CRMSIGNAL_POSTGRES is not set. Run `make bench`, which starts a throw-away PostgreSQL and sets it; " +
        "or point it at a server where this user may CREATE DATABASE.");
    return 2;
}

// --quick: one warm-up and two timed passes per case, to check the harness end to end; not for figures.
var quick = args.Contains("--quick", StringComparer.Ordinal);

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};
var ct = cancellation.Token;

var total = Stopwatch.StartNew();
var progress = Console.Error;
progress.WriteLine("generating and normalizing the simulated org's history ...");
// ~50k history rows: about 5.3 rows per opportunity and lead in the simulator's default 30-day scenario.
var history = SimulatedHistory.Generate(opportunities: 5500, leads: 4000);
var plans = new List<Plan>
{
    // What a steady-state poll every few minutes sees: a short, partial page.
    new(history.Cut("small page (100 history rows)", pageSize: 100, maxPages: 1), Warmups: 5, Repetitions: 25),
    // One full page, the unit HistorySync writes during a backfill or catch-up.
    new(history.Cut("full page (2,000 history rows)", SimulatedHistory.PageSize, maxPages: 1), Warmups: 3, Repetitions: 15),
    // A whole 30-day backfill, page by page, one transaction each, into growing tables. Four timed passes keep
    // `make bench` near five minutes: the baseline takes 20-60 s a pass on this 2-core machine.
    new(history.Cut("backfill ~50k history rows, 2,000-row pages", SimulatedHistory.PageSize), Warmups: 1, Repetitions: 4,
        WarmupWorkload: history.Cut("backfill warm-up", SimulatedHistory.PageSize, maxPages: 3)),
};
if (quick)
{
    plans = [.. plans.Select(p => p with { Warmups = 1, Repetitions = 2 })];
}

var loadBefore = LoadAverage();
var facts = await ServerFacts.ReadAsync(server, ct);
var runner = new BenchmarkRunner(server, progress);
var results = new List<CaseResult>();
foreach (var plan in plans)
{
    progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{plan.Workload.Name}: {plan.Workload.Rows:N0} rows in {plan.Workload.Pages.Count} page(s)"));
    results.AddRange(await runner.RunAsync(plan, ct));
}

progress.WriteLine(string.Create(CultureInfo.InvariantCulture, $"done in {total.Elapsed.TotalSeconds:F0} s"));
MarkdownReport.Write(Console.Out, results, facts, plans, $"{loadBefore} at the start, {LoadAverage()} at the end");
return 0;

// Linux only; elsewhere the report says so rather than guessing.
static string LoadAverage() =>
    File.Exists("/proc/loadavg")
        ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3))
        : "unknown";
