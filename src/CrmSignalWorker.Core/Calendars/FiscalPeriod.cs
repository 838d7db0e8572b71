namespace CrmSignalWorker.Core.Calendars;

/// <summary>One incentive period: a fiscal month or quarter, or a custom period, with its bounds as instants.</summary>
/// <param name="Key">Stable name, e.g. FY2026-Q1 or a custom period's name; events are keyed by it.</param>
/// <param name="FirstDay">First local day of the period.</param>
/// <param name="LastDay">Last local day of the period (inclusive).</param>
/// <param name="Start">Local midnight at the start of <paramref name="FirstDay"/>.</param>
/// <param name="End">Local midnight after <paramref name="LastDay"/> (exclusive).</param>
/// <param name="FinalDaysStart">Local midnight at the start of the period's final days (the last 7 unless configured otherwise).</param>
public sealed record FiscalPeriod(string Key, DateOnly FirstDay, DateOnly LastDay, DateTimeOffset Start, DateTimeOffset End, DateTimeOffset FinalDaysStart)
{
    public bool Contains(DateTimeOffset instant) => instant >= Start && instant < End;

    public bool InFinalDays(DateTimeOffset instant) => instant >= FinalDaysStart && instant < End;
}
