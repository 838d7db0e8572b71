using System.Globalization;

namespace CrmSignalWorker.Storage.Lifecycle;

/// <summary>
/// A table partitioned by the UTC month of one of its timestamps (migration 0007): the month column is the partition
/// key and is part of every unique constraint, so the insert fills it from the timestamp.
/// </summary>
public sealed record MonthPartitionedTable(string Name, string TimeColumn, string MonthColumn)
{
    public static MonthPartitionedTable FieldChange { get; } = new("field_change", "changed_at", "changed_month");

    public static MonthPartitionedTable WorkflowEvent { get; } = new("workflow_event", "occurred_at", "occurred_month");

    public static IReadOnlyList<MonthPartitionedTable> All { get; } = [FieldChange, WorkflowEvent];

    /// <summary>
    /// The month as SQL, the expression the table's check constraint holds the column to. UTC, never the session's
    /// time zone: a row's month must not depend on the connection that wrote it.
    /// </summary>
    public string MonthExpression => $"(date_trunc('month', {TimeColumn} AT TIME ZONE 'UTC'))::date";

    /// <summary>
    /// <see cref="MonthExpression"/> computed by the client, for rows copied straight into the table: the check
    /// constraint refuses a row whose month disagrees, so the two cannot drift apart unnoticed.
    /// </summary>
    public static DateOnly MonthOf(DateTimeOffset instant)
    {
        var utc = instant.UtcDateTime;
        return new DateOnly(utc.Year, utc.Month, 1);
    }

    /// <summary>Rows of months without a partition of their own land here; maintenance moves them out.</summary>
    public string DefaultPartition => Name + "_default";

    /// <summary>The name a new partition gets; existing ones are recognised by their bounds, whatever their names.</summary>
    public string PartitionName(DateOnly month) => Name + "_" + month.ToString("yyyy_MM", CultureInfo.InvariantCulture);
}
