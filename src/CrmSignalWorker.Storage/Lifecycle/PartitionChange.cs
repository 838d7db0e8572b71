namespace CrmSignalWorker.Storage.Lifecycle;

/// <summary>What partition maintenance did, for the log.</summary>
public abstract record PartitionChange(MonthPartitionedTable Table);

/// <summary>A month partition was created; <paramref name="RowsMoved"/> rows of its month came out of the DEFAULT partition.</summary>
public sealed record PartitionCreated(MonthPartitionedTable Table, MonthPartition Partition, long RowsMoved) : PartitionChange(Table);

/// <summary>A partition older than the retention cutoff was dropped with its rows.</summary>
public sealed record PartitionDropped(MonthPartitionedTable Table, MonthPartition Partition, long Rows) : PartitionChange(Table);

/// <summary>Rows of months before the cutoff were deleted from the DEFAULT partition (which is never dropped).</summary>
public sealed record DefaultRowsPurged(MonthPartitionedTable Table, DateOnly Cutoff, long Rows) : PartitionChange(Table);
