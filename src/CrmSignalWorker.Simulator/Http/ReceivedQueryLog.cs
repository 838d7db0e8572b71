using System.Collections.Concurrent;

namespace CrmSignalWorker.Simulator.Http;

/// <summary>Every SOQL string the query endpoints accepted for execution, in arrival order.</summary>
internal sealed class ReceivedQueryLog
{
    private readonly ConcurrentQueue<string> _queries = new();

    public void Add(string soql) => _queries.Enqueue(soql);

    public IReadOnlyList<string> Snapshot() => [.. _queries];
}
