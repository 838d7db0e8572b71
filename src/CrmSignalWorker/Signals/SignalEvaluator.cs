using CrmSignalWorker.Core.Signals;
using CrmSignalWorker.Hosting;
using CrmSignalWorker.Storage.Signals;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmSignalWorker.Signals;

/// <summary>Evaluates the stage-jump signal per day and market and stores each value with its drill-down.</summary>
public sealed class SignalEvaluator(
    SignalStore store,
    IOptions<SignalOptions> options,
    TimeProvider timeProvider,
    ILogger<SignalEvaluator> logger) : IPeriodicJob
{
    public string Name => "signal-evaluation";

    public TimeSpan Interval => options.Value.EvaluationInterval;

    /// <summary>Re-evaluates the configured number of days ending today (UTC).</summary>
    public Task RunOnceAsync(CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(timeProvider.GetUtcNow().UtcDateTime);
        return EvaluateAsync(today.AddDays(1 - options.Value.EvaluationDays), today, ct);
    }

    /// <summary>Evaluates the days [from, to]; running it twice over the same data stores the same values.</summary>
    public async Task<IReadOnlyList<SignalValue>> EvaluateAsync(DateOnly from, DateOnly to, CancellationToken ct)
    {
        using var activity = Telemetry.WorkerTelemetry.Source.StartActivity("signals.evaluate");
        var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) - SameDayStageJumpSignal.Window;
        var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var changes = await store.ReadStageChangesAsync(start, end, ct);

        var values = new List<SignalValue>();
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            values.AddRange(SameDayStageJumpSignal.Evaluate(changes, day, options.Value.StageJumpThreshold));
        }

        await store.ReplaceAsync(SignalNames.SameDayStageJumps, from, to, values, timeProvider.GetUtcNow(), ct);
        logger.SignalEvaluated(SignalNames.SameDayStageJumps, to.DayNumber - from.DayNumber + 1, values.Count, values.Count(v => v.Breached));
        return values;
    }
}
