using System.Diagnostics;
using System.Globalization;
using CrmSignalWorker.Benchmarks;
using CrmSignalWorker.Benchmarks.ChangeStream;

// Ingest benchmarks, each against a baseline in this process: ChangeStore's COPY path against per-row INSERTs
// (history), and the change-stream pipeline against a plain binary COPY of the same rows (change-stream).
// The markdown tables go to stdout; progress goes to stderr. See docs/benchmarks.md.
//
//   CrmSignalWorker.Benchmarks [history | change-stream] [--quick]     (no name: both)
var server = Environment.GetEnvironmentVariable("CRMSIGNAL_POSTGRES");
if (string.IsNullOrWhiteSpace(server))
{
    Console.Error.WriteLine(
        "CRMSIGNAL_POSTGRES is not set. Run `make bench`, which starts a throw-away PostgreSQL and sets it; " +
        "or point it at a server where this user may CREATE DATABASE.");
    return 2;
}

// --quick: few passes and (for the change stream) 5,000 events, to check the harness end to end; not for figures.
var quick = args.Contains("--quick", StringComparer.Ordinal);
var names = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
if (names.Except(["history", "change-stream"], StringComparer.Ordinal).FirstOrDefault() is { } unknown)
{
    Console.Error.WriteLine($"unknown benchmark '{unknown}'; usage: CrmSignalWorker.Benchmarks [history | change-stream] [--quick]");
    return 2;
}

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};
var ct = cancellation.Token;

var total = Stopwatch.StartNew();
var progress = Console.Error;
try
{
    if (names.Count == 0 || names.Contains("history"))
    {
        Console.Out.WriteLine("## Ingest: COPY through staging tables against one INSERT per row");
        Console.Out.WriteLine();
        await new HistoryIngestBenchmark(server, progress).RunAsync(quick, Console.Out, ct);
        Console.Out.WriteLine();
    }

    if (names.Count == 0 || names.Contains("change-stream"))
    {
        // Redis is configured but never connected to on the change-stream path; the default only has to be well-formed.
        var redis = Environment.GetEnvironmentVariable("CRMSIGNAL_REDIS") is { Length: > 0 } configured ? configured : "127.0.0.1:6379";
        var plan = quick
            ? new ChangeStreamPlan(Events: 5_000, Warmups: 1, Repetitions: 2)
            : new ChangeStreamPlan(Events: 50_000, Warmups: 1, Repetitions: 3);
        var loadBefore = MachineLoad.Read();
        var facts = await ServerFacts.ReadAsync(server, ct);
        var result = await new ChangeStreamBenchmark(server, redis, progress).RunAsync(plan, ct);
        Console.Out.WriteLine("## Change stream: simulated org → gRPC → Avro → normalization → COPY, against a plain binary COPY");
        Console.Out.WriteLine();
        ChangeStreamReport.Write(Console.Out, result, facts, $"{loadBefore} at the start, {MachineLoad.Read()} at the end");
    }
}
catch (OperationCanceledException) when (ct.IsCancellationRequested)
{
    // Ctrl+C: the databases were dropped on the way out; no figures from a partial run.
    progress.WriteLine("cancelled");
    return 130;
}

progress.WriteLine(string.Create(CultureInfo.InvariantCulture, $"done in {total.Elapsed.TotalSeconds:F0} s"));
return 0;
