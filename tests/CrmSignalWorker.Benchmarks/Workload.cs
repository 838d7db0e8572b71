using CrmSignalWorker.Storage.Ingest;

namespace CrmSignalWorker.Benchmarks;

/// <summary>One page as the worker would write it: the normalized rows and the checkpoint that covers them.</summary>
internal sealed record Page(IngestBatch Batch, Checkpoint Checkpoint)
{
    public int Rows => Batch.FieldChanges.Count + Batch.WorkflowEvents.Count;
}

/// <summary>The pages one benchmark case writes, in order, each in its own transaction (as HistorySync does).</summary>
internal sealed record Workload(string Name, int HistoryRows, IReadOnlyList<Page> Pages)
{
    public int FieldChanges => Pages.Sum(p => p.Batch.FieldChanges.Count);

    public int WorkflowEvents => Pages.Sum(p => p.Batch.WorkflowEvents.Count);

    /// <summary>Field changes plus workflow events: the rows the throughput figures count.</summary>
    public int Rows => FieldChanges + WorkflowEvents;
}
