namespace CrmSignalWorker.Storage.Lifecycle;

/// <summary>One month partition of a <see cref="MonthPartitionedTable"/>: rows with <c>From &lt;= month &lt; To</c>.</summary>
public sealed record MonthPartition(string Name, DateOnly From, DateOnly To);
