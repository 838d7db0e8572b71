namespace CrmSignalWorker.Core.Lineage;

/// <summary>One writer's writes of a field through one channel, and their share of all the field's writes.</summary>
public sealed record WriterShare(Writer Writer, string Channel, long Writes, decimal Share);
