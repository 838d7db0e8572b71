namespace CrmSignalWorker.Core.Signals;

/// <summary>
/// Same-day multi-stage jumps: of the records whose stage changed on a day, the share that changed
/// stage at least twice within 24 hours, the later change falling on that day. A deal that skips
/// through the funnel in an afternoon was not worked stage by stage; the stages were back-filled.
/// </summary>
public static class SameDayStageJumpSignal
{
    /// <summary>The research puts the alert band at 2–5 %; 5 % keeps the first digests quiet enough to be read.</summary>
    public const decimal DefaultThreshold = 0.05m;

    public static readonly TimeSpan Window = TimeSpan.FromHours(24);

    /// <summary>
    /// Evaluates one day. <paramref name="changes"/> must hold every stage change from 24 hours before
    /// the day starts to the day's end; changes outside that range are ignored.
    /// </summary>
    public static IReadOnlyList<SignalValue> Evaluate(IEnumerable<StageChangeObservation> changes, DateOnly day, decimal threshold) =>
        RepeatedChangeRate.Evaluate(SignalNames.SameDayStageJumps, changes, day, Window, threshold);
}
