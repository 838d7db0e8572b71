namespace CrmSignalWorker.Core.Lineage;

/// <summary>A field's writes through one write path, whoever wrote them, and their share of the field's writes.</summary>
public sealed record ChannelShare(string Channel, long Writes, decimal Share);
