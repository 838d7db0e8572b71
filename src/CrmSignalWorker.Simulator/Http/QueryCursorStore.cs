using CrmSignalWorker.Simulator.Generation;
using CrmSignalWorker.Simulator.Query;

namespace CrmSignalWorker.Simulator.Http;

/// <summary>
/// Server-side cursors behind <c>nextRecordsUrl</c>. Each keeps the whole result of its query, so later pages are
/// stable, and dies after <see cref="SimulatedOrgOptions.QueryLocatorLifetime"/> without a fetch.
/// </summary>
internal sealed class QueryCursorStore(SimulatedOrgOptions options, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, QueryCursor> _cursors = new(StringComparer.Ordinal);
    private readonly IdAllocator _ids = new(options.Seed);

    public string Open(QueryResult result, int batchSize)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            foreach (var expired in _cursors.Where(c => IsExpired(c.Value, now)).Select(c => c.Key).ToList())
            {
                _cursors.Remove(expired);
            }

            var id = _ids.Next("01g");
            _cursors.Add(id, new QueryCursor(result, batchSize) { LastUsed = now });
            return id;
        }
    }

    /// <summary>Returns the live cursor and marks it used, or null if it never existed or has expired.</summary>
    public QueryCursor? Find(string id)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            if (!_cursors.TryGetValue(id, out var cursor))
            {
                return null;
            }

            if (IsExpired(cursor, now))
            {
                _cursors.Remove(id);
                return null;
            }

            cursor.LastUsed = now;
            return cursor;
        }
    }

    private bool IsExpired(QueryCursor cursor, DateTimeOffset now) => now - cursor.LastUsed >= options.QueryLocatorLifetime;
}

internal sealed class QueryCursor(QueryResult result, int batchSize)
{
    public QueryResult Result { get; } = result;

    public int BatchSize { get; } = batchSize;

    public DateTimeOffset LastUsed { get; set; }
}
