namespace CrmSignalWorker.Core.Lineage;

/// <summary>One tracked field: every writer and write path that touched it in the window, largest first.</summary>
public sealed record FieldLineage(
    string ObjectName,
    string Field,
    long Writes,
    IReadOnlyList<WriterShare> Writers,
    IReadOnlyList<ChannelShare> Channels);
