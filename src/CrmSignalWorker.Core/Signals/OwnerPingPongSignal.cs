namespace CrmSignalWorker.Core.Signals;

/// <summary>
/// Owner ping-pong: of the records whose owner changed on a day, the share whose owner changed at least twice within
/// seven days, the later change falling on that day. A lead passed back and forth is a routing or handoff step
/// that does not hold, not a rep who cannot decide.
/// </summary>
public static class OwnerPingPongSignal
{
    /// <summary>The research puts the alert band at 3–8 %; 5 % sits inside it.</summary>
    public const decimal DefaultThreshold = 0.05m;

    public static readonly TimeSpan Window = TimeSpan.FromDays(7);

    /// <summary>
    /// Evaluates one day. <paramref name="changes"/> must hold every owner change from seven days before the day
    /// starts to the day's end.
    /// </summary>
    public static IReadOnlyList<SignalValue> Evaluate(IEnumerable<StageChangeObservation> changes, DateOnly day, decimal threshold) =>
        RepeatedChangeRate.Evaluate(SignalNames.OwnerPingPong, changes, day, Window, threshold);
}
