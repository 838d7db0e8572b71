using CrmSignalWorker.Core.Signals;
using CrmSignalWorker.Hosting;
using CrmSignalWorker.Storage.Signals;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmSignalWorker.Signals;

/// <summary>Evaluates the rate signals per day and market and stores each value with its drill-down.</summary>
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
        var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var dayStart = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var stageChanges = await store.ReadStageChangesAsync(dayStart - SameDayStageJumpSignal.Window, end, ct);
        var ownerChanges = await store.ReadOwnerChangesAsync(dayStart - OwnerPingPongSignal.Window, end, ct);

        var jumps = new List<SignalValue>();
        var pingPong = new List<SignalValue>();
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            jumps.AddRange(SameDayStageJumpSignal.Evaluate(stageChanges, day, options.Value.StageJumpThreshold));
            pingPong.AddRange(OwnerPingPongSignal.Evaluate(ownerChanges, day, options.Value.OwnerPingPongThreshold));
        }

        var evaluatedAt = timeProvider.GetUtcNow();
        await store.ReplaceAsync(SignalNames.SameDayStageJumps, from, to, jumps, evaluatedAt, ct);
        await store.ReplaceAsync(SignalNames.OwnerPingPong, from, to, pingPong, evaluatedAt, ct);
        var days = to.DayNumber - from.DayNumber + 1;
        logger.SignalEvaluated(SignalNames.SameDayStageJumps, days, jumps.Count, jumps.Count(v => v.Breached));
        logger.SignalEvaluated(SignalNames.OwnerPingPong, days, pingPong.Count, pingPong.Count(v => v.Breached));
        return [.. jumps, .. pingPong];
    }
}
