namespace CrmSignalWorker.Milestones;

/// <summary>One entry of <c>Incentives:CustomPeriods</c>: a named period from its first to its last day, both inclusive.</summary>
public sealed class CustomPeriodOptions
{
    public string Name { get; set; } = "";

    public DateOnly FirstDay { get; set; }

    public DateOnly LastDay { get; set; }
}
