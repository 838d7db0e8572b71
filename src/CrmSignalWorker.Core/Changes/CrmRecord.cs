namespace CrmSignalWorker.Core.Changes;

/// <summary>What the worker keeps of a CRM record itself: enough to segment its changes.</summary>
/// <param name="Market">The record's market field (e.g. Market__c); null when the org leaves it empty.</param>
/// <param name="ModifiedAt">SystemModstamp: the sync watermark for records.</param>
public sealed record CrmRecord(string ObjectName, string Id, string? Name, string? OwnerId, string? Market, DateTimeOffset ModifiedAt);
