namespace CrmSignalWorker.Core.AuditLog;

/// <summary>What happened, before it takes its place in the chain.</summary>
/// <param name="Kind">One of <see cref="AuditKinds"/>.</param>
/// <param name="Actor">The person or component that acted (a user name, a token name, "worker").</param>
/// <param name="Subject">What was acted on: an automation, an outbox key, an endpoint.</param>
/// <param name="Detail">Free text for people: the reason given, the refused path. Never a secret.</param>
public sealed record AuditRecord(string Kind, string Actor, string Subject, string Detail, DateTimeOffset RecordedAt)
{
    /// <summary>Postgres keeps microseconds: the hash covers the instant as it reads back, not as the clock gave it.</summary>
    public DateTimeOffset StoredInstant => new(RecordedAt.UtcTicks - (RecordedAt.UtcTicks % 10), TimeSpan.Zero);
}

/// <summary>An audit record at its place in the chain, with the hash that seals it.</summary>
public sealed record AuditEntry(long Position, AuditRecord Record, string PreviousHash, string Hash);
