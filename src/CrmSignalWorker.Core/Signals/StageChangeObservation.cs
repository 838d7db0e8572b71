namespace CrmSignalWorker.Core.Signals;

/// <summary>One stage change of one record, as the stage signals see it.</summary>
public sealed record StageChangeObservation(string RecordId, string Segment, DateTimeOffset ChangedAt);
