namespace CrmSignalWorker.Core.Changes;

/// <summary>A payload that could not be decoded, kept whole with the reason, so nothing is silently dropped.</summary>
public sealed record QuarantinedPayload(string Source, string SourceKey, string Reason, string Payload, DateTimeOffset ReceivedAt);
