namespace CrmSignalWorker.Storage.Ingest;

/// <summary>Rows that were new; rows already stored (a re-read) are not counted.</summary>
public sealed record IngestResult(int FieldChanges, int WorkflowEvents, int Snapshots, int Quarantined);
