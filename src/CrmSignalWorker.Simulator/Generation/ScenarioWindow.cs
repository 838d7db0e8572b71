namespace CrmSignalWorker.Simulator.Generation;

/// <summary>The scenario's days: [FirstDay, EndDate), with day numbers counted from FirstDay.</summary>
internal sealed record ScenarioWindow(int Seed, DateOnly FirstDay, DateOnly EndDate)
{
    public int Days => EndDate.DayNumber - FirstDay.DayNumber;

    public DateTimeOffset Start => DayStart(0);

    public DateTimeOffset End => DayStart(Days);

    public DateTimeOffset DayStart(int day) =>
        new(FirstDay.AddDays(day).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));

    public int DayOf(DateTimeOffset at) => (int)Math.Floor((at - Start).TotalDays);
}
