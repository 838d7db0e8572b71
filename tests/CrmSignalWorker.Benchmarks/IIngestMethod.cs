namespace CrmSignalWorker.Benchmarks;

/// <summary>A way of writing one page and its checkpoint in one transaction.</summary>
internal interface IIngestMethod
{
    string Name { get; }

    /// <returns>Field changes plus workflow events that were new (conflicting rows are not counted).</returns>
    Task<int> IngestAsync(Page page, CancellationToken ct);
}
