namespace CrmSignalWorker.Core.Calendars;

/// <summary>
/// Which calendar year names a fiscal year that spans two: the year it ends in (a February start makes Feb 2025 – Jan 2026
/// FY2026) or the year it starts in (FY2025), as Salesforce's "Fiscal Year is Based On" setting.
/// </summary>
public enum FiscalYearLabel
{
    EndingYear = 0,
    StartingYear = 1,
}
