using CrmSignalWorker.Storage.Ingest;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CrmSignalWorker.Benchmarks;

/// <summary>The code under test: the worker's own <see cref="ChangeStore"/>, unchanged.</summary>
internal sealed class CopyIngest(NpgsqlDataSource dataSource) : IIngestMethod
{
    private readonly ChangeStore _store = new(dataSource, TimeProvider.System, NullLogger<ChangeStore>.Instance);

    public string Name => "COPY (ChangeStore)";

    public async Task<int> IngestAsync(Page page, CancellationToken ct)
    {
        var result = await _store.IngestAsync(page.Batch, page.Checkpoint, ct);
        return result.FieldChanges + result.WorkflowEvents;
    }
}
