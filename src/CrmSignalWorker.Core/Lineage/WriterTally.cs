namespace CrmSignalWorker.Core.Lineage;

/// <summary>The stored writes of one field by one writer through one channel in a window: one row of the lineage query.</summary>
/// <param name="Channel">As stored: ui, api, bulk_import, automation or unknown.</param>
public sealed record WriterTally(string ObjectName, string Field, Writer Writer, string Channel, long Writes);
