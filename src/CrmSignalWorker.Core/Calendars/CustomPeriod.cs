namespace CrmSignalWorker.Core.Calendars;

/// <summary>A period named by the business (a 4-4-5 month, a sales push) from its first to its last local day, both inclusive.</summary>
public sealed record CustomPeriod(string Name, DateOnly FirstDay, DateOnly LastDay);
