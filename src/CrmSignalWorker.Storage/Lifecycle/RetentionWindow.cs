namespace CrmSignalWorker.Storage.Lifecycle;

/// <summary>
/// Which months are kept: the current UTC month and the <c>retentionMonths</c> before it, from <see cref="Cutoff"/> on.
/// A partition whose months all lie before the cutoff is dropped; <see cref="Ahead"/> are created before rows need them.
/// </summary>
public sealed record RetentionWindow(DateOnly Cutoff, IReadOnlyList<DateOnly> Ahead)
{
    public static RetentionWindow For(DateOnly today, int retentionMonths, int monthsAhead)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(retentionMonths);
        ArgumentOutOfRangeException.ThrowIfNegative(monthsAhead);
        var current = MonthOf(today);
        return new RetentionWindow(current.AddMonths(-retentionMonths), [.. Enumerable.Range(0, monthsAhead + 1).Select(current.AddMonths)]);
    }

    public static DateOnly MonthOf(DateOnly day) => new(day.Year, day.Month, 1);

    /// <summary>Whether rows of <paramref name="month"/> are kept.</summary>
    public bool Keeps(DateOnly month) => month >= Cutoff;
}
