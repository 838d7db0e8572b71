using System.Diagnostics;
using System.Globalization;

namespace CrmSignalWorker.Benchmarks;

/// <summary>
/// How many untimed and timed passes a workload gets; small workloads get more, as each pass is short and noisier.
/// A large workload may warm up on a prefix of itself (<paramref name="WarmupWorkload"/>): the warm-up is there to
/// JIT the code and warm the fresh database's caches, which a few pages do as well as all of them.
/// </summary>
internal sealed record Plan(Workload Workload, int Warmups, int Repetitions, Workload? WarmupWorkload = null);

/// <summary>
/// Runs both methods over a workload in the same process, each against its own fresh database. Every repetition
/// empties the tables, writes the workload (all rows new), then writes it again (every row conflicts). The two
/// methods alternate which goes first, so slow drift on the server (autovacuum, checkpoints) falls on both.
/// </summary>
internal sealed class BenchmarkRunner(string server, TextWriter progress)
{
    public async Task<IReadOnlyList<CaseResult>> RunAsync(Plan plan, CancellationToken ct)
    {
        var workload = plan.Workload;
        await using var copyDatabase = await BenchDatabase.CreateAsync(server, ct);
        await using var baselineDatabase = await BenchDatabase.CreateAsync(server, ct);
        var methods = new (IIngestMethod Method, BenchDatabase Database)[]
        {
            (new CopyIngest(copyDatabase.DataSource), copyDatabase),
            (new PerRowInsertIngest(baselineDatabase.DataSource), baselineDatabase),
        };
        var fresh = methods.ToDictionary(m => m.Method, _ => new List<Sample>());
        var again = methods.ToDictionary(m => m.Method, _ => new List<Sample>());

        var passes = plan.Warmups + plan.Repetitions;
        for (var pass = 0; pass < passes; pass++)
        {
            var timed = pass >= plan.Warmups;
            var passWorkload = timed ? workload : plan.WarmupWorkload ?? workload;
            foreach (var (method, database) in pass % 2 == 0 ? methods : Enumerable.Reverse(methods))
            {
                await database.ResetAsync(ct);
                var first = await MeasureAsync(method, passWorkload, expectedNew: passWorkload.Rows, ct);
                await VerifyStoredAsync(database, passWorkload, ct);
                var second = await MeasureAsync(method, passWorkload, expectedNew: 0, ct);
                await VerifyStoredAsync(database, passWorkload, ct);
                if (timed)
                {
                    fresh[method].Add(first);
                    again[method].Add(second);
                }

                progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {workload.Name} | {method.Name,-18} | {(timed ? "pass " + (pass - plan.Warmups + 1) : "warm-up"),-8} | new {first.Elapsed.TotalMilliseconds,9:F1} ms | re-ingest {second.Elapsed.TotalMilliseconds,9:F1} ms"));
            }

            // Early, so a mismatch fails before minutes of timing, and at the end, over the full workload.
            if (pass == 0 || pass == passes - 1)
            {
                await VerifySameRowsAsync(copyDatabase, baselineDatabase, ct);
            }
        }

        var (copy, baseline) = (methods[0].Method, methods[1].Method);
        return
        [
            CaseResult.Of($"{workload.Name}, new rows", workload, fresh[copy], fresh[baseline]),
            CaseResult.Of($"{workload.Name}, re-ingest (all conflict)", workload, again[copy], again[baseline]),
        ];
    }

    private static async Task<Sample> MeasureAsync(IIngestMethod method, Workload workload, int expectedNew, CancellationToken ct)
    {
        // Start each pass with no garbage from the previous one, so a pass does not pay for its predecessor's collections.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        // Process-wide rather than per-thread: after the first await, Npgsql's continuations run on pool threads,
        // which GC.GetAllocatedBytesForCurrentThread would not see. Nothing else runs in this process meanwhile.
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var started = Stopwatch.GetTimestamp();
        var inserted = 0;
        foreach (var page in workload.Pages)
        {
            inserted += await method.IngestAsync(page, ct);
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;

        if (inserted != expectedNew)
        {
            throw new InvalidOperationException(
                $"{method.Name} reported {inserted} new rows for {workload.Name}; expected {expectedNew}. The measurement would be meaningless.");
        }

        return new Sample(elapsed, allocated, workload.Rows);
    }

    private static async Task VerifyStoredAsync(BenchDatabase database, Workload workload, CancellationToken ct)
    {
        var fieldChanges = await database.CountAsync("field_change", ct);
        var workflowEvents = await database.CountAsync("workflow_event", ct);
        if (fieldChanges != workload.FieldChanges || workflowEvents != workload.WorkflowEvents)
        {
            throw new InvalidOperationException(
                $"{database.Name} holds {fieldChanges} field changes and {workflowEvents} workflow events; expected {workload.FieldChanges} and {workload.WorkflowEvents}.");
        }
    }

    private static async Task VerifySameRowsAsync(BenchDatabase copy, BenchDatabase baseline, CancellationToken ct)
    {
        var copyDigest = await copy.DigestAsync(ct);
        var baselineDigest = await baseline.DigestAsync(ct);
        if (!string.Equals(copyDigest, baselineDigest, StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                "The baseline stored different rows from ChangeStore (digests differ), so it is not measuring the same work.");
        }
    }
}
