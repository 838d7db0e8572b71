namespace CrmSignalWorker.Simulator.Generation;

/// <summary>The standard sales process: eight open stages in order, then the two closed ones.</summary>
internal static class OpportunityStages
{
    public const int LastOpen = 7;
    public const int ClosedWon = 8;
    public const int ClosedLost = 9;

    public static readonly IReadOnlyList<string> Names =
    [
        "Prospecting",
        "Qualification",
        "Needs Analysis",
        "Value Proposition",
        "Id. Decision Makers",
        "Perception Analysis",
        "Proposal/Price Quote",
        "Negotiation/Review",
        "Closed Won",
        "Closed Lost",
    ];

    private static readonly int[] s_probability = [10, 10, 20, 50, 60, 70, 75, 90, 100, 0];

    public static decimal Probability(int stage) => s_probability[stage];

    public static string ForecastCategory(int stage) => stage switch
    {
        ClosedWon => "Closed",
        ClosedLost => "Omitted",
        LastOpen => "Forecast",
        6 => "BestCase",
        _ => "Pipeline",
    };

    public static bool IsClosed(int stage) => stage >= ClosedWon;
}
