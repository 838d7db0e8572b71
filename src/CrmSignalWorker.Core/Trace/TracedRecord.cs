namespace CrmSignalWorker.Core.Trace;

/// <summary>The record itself as last synced (crm_record); its market is the record's current one.</summary>
public sealed record TracedRecord(string Id, string ObjectName, string? Name, string? OwnerId, string? Market, DateTimeOffset ModifiedAt);
