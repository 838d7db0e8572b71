namespace CrmSignalWorker.Core.Calendars;

/// <summary>What an incentive period is: a fiscal month, a fiscal quarter, or one of the configured custom periods.</summary>
public enum FiscalPeriodKind
{
    Quarter = 0,
    Month = 1,
    Custom = 2,
}
