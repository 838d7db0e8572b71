namespace CrmSignalWorker.Core.Flags;

/// <summary>The stop-the-line state of one automation (flow, assignment rule or integration client).</summary>
public sealed record StopFlag(string Automation, bool Paused, string Reason, string ChangedBy, DateTimeOffset ChangedAt);
