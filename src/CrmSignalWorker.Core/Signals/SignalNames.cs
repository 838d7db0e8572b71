namespace CrmSignalWorker.Core.Signals;

public static class SignalNames
{
    /// <summary>Share of records with two or more stage changes within 24 hours.</summary>
    public const string SameDayStageJumps = "same_day_stage_jumps";

    /// <summary>Share of records whose owner changed twice or more within seven days.</summary>
    public const string OwnerPingPong = "owner_ping_pong";

    /// <summary>Every signal the engine evaluates, in the order digests show them.</summary>
    public static IReadOnlyList<string> All { get; } = [SameDayStageJumps, OwnerPingPong];

    public static string Describe(string signal) => signal switch
    {
        SameDayStageJumps => "Same-day multi-stage jumps",
        OwnerPingPong => "Owner ping-pong",
        _ => signal,
    };
}
