namespace CrmSignalWorker.Storage.Records;

/// <summary>
/// Record markets known to this process, so a change stream does not query crm_record for every response. A record
/// without a market is remembered too (as null), or every event on it would query again.
/// </summary>
/// <remarks>
/// This process's own record sync drops the records it upserts (<see cref="Forget"/>), so they are read again on next
/// use; dropping rather than storing the upserted values leaves the database's rule (an older version never overwrites
/// a newer one) the only judge. Another replica's sync cannot reach this cache, so the whole cache is dropped every
/// <see cref="Lifetime"/>: a market changed elsewhere is seen within that time. The market stamped at ingest is only
/// a fallback (signals read crm_record when they evaluate), so that bound costs little.
/// </remarks>
internal sealed class RecordMarketCache(TimeProvider timeProvider)
{
    /// <summary>
    /// The record sync's own pace (History:PollInterval, 5 minutes by default): a market changed in Salesforce reaches
    /// crm_record no sooner than that, so a shorter lifetime would buy little and cost a query per response more often.
    /// </summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    /// <summary>About 20 MB of ids and markets at most; a larger org's cache starts over when it fills.</summary>
    public const int Capacity = 200_000;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, string?> _markets = new(StringComparer.Ordinal);
    private DateTimeOffset _startedAt = DateTimeOffset.MinValue;
    private long _version;

    /// <summary>Fills <paramref name="found"/> with the cached markets of <paramref name="recordIds"/> and returns the ids not cached.</summary>
    /// <param name="version">Hand back to <see cref="Remember"/>, so a read that raced a sync is not cached.</param>
    public List<string> Lookup(IReadOnlyCollection<string> recordIds, Dictionary<string, string> found, out long version)
    {
        var missing = new List<string>();
        lock (_gate)
        {
            var now = timeProvider.GetUtcNow();
            if (now - _startedAt >= Lifetime || now < _startedAt)
            {
                _markets.Clear();
                _startedAt = now;
                _version++;
            }

            version = _version;
            foreach (var id in recordIds)
            {
                if (!_markets.TryGetValue(id, out var market))
                {
                    missing.Add(id);
                }
                else if (market is not null)
                {
                    found[id] = market;
                }
            }
        }

        return missing;
    }

    /// <summary>Caches what the database said about <paramref name="queried"/>, unless a sync forgot records since <paramref name="version"/>.</summary>
    public void Remember(IReadOnlyList<string> queried, IReadOnlyDictionary<string, string> markets, long version)
    {
        lock (_gate)
        {
            if (version != _version)
            {
                return;
            }

            if (_markets.Count + queried.Count > Capacity)
            {
                _markets.Clear();
            }

            foreach (var id in queried)
            {
                _markets[id] = markets.TryGetValue(id, out var market) ? market : null;
            }
        }
    }

    /// <summary>Drops records whose stored market may just have changed.</summary>
    public void Forget(IEnumerable<string> recordIds)
    {
        lock (_gate)
        {
            _version++;
            foreach (var id in recordIds)
            {
                _markets.Remove(id);
            }
        }
    }
}
