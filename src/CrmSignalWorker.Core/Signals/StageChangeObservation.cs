namespace CrmSignalWorker.Core.Signals;

/// <summary>One change of one record (a stage change, an owner change), as the rate signals see it.</summary>
public sealed record StageChangeObservation(string RecordId, string Segment, DateTimeOffset ChangedAt);
