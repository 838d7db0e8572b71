namespace CrmSignalWorker.Core.Signals;

public static class SignalNames
{
    /// <summary>Share of records with two or more stage changes within 24 hours.</summary>
    public const string SameDayStageJumps = "same_day_stage_jumps";

    public static string Describe(string signal) => signal switch
    {
        SameDayStageJumps => "Same-day multi-stage jumps",
        _ => signal,
    };
}
