namespace CrmSignalWorker.Storage.Ingest;

/// <summary>How far one stream has been read: a history watermark or a Pub/Sub replay id.</summary>
public sealed record Checkpoint(string Stream, DateTimeOffset? Watermark, byte[]? ReplayId);
