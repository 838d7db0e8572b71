namespace CrmSignalWorker.Core.Lineage;

/// <summary>The instants [From, To) whose writes an inventory or a coverage figure counts.</summary>
public sealed record LineageWindow
{
    public LineageWindow(DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from)
        {
            throw new ArgumentException($"The window must end after it starts ({from:O} to {to:O}).", nameof(to));
        }

        From = from.ToUniversalTime();
        To = to.ToUniversalTime();
    }

    public DateTimeOffset From { get; }

    public DateTimeOffset To { get; }

    /// <summary>The <paramref name="length"/> up to <paramref name="end"/>.</summary>
    public static LineageWindow Ending(DateTimeOffset end, TimeSpan length) => new(end - length, end);
}
