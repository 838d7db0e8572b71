namespace CrmSignalWorker.Simulator.PubSub;

/// <summary>
/// Hands out transaction keys and commit numbers (SCNs) in commit order, from the seed. Scenario history uses it first,
/// then live events continue the same sequence. Thread-safe.
/// </summary>
internal sealed class TransactionSource
{
    private readonly Lock _gate = new();
    private readonly DeterministicIds _ids;
    private readonly Random _gaps;
    private long _commitNumber;
    private long _transactions;
    private string? _liveKey;
    private long _liveCommitNumber;
    private int _liveSequence;

    public TransactionSource(int seed, DeterministicIds ids)
    {
        _ids = ids;
        _gaps = new Random(unchecked((seed * 31) + 1));
        _commitNumber = 11_000_000_000_000L + _gaps.Next(0, 1_000_000_000);
    }

    public (string Key, long CommitNumber) Next()
    {
        lock (_gate)
        {
            return NextLocked();
        }
    }

    /// <summary>A live event's transaction: a known key continues the previous live transaction, anything else starts one.</summary>
    public (string Key, long CommitNumber, int SequenceNumber) ForLiveEvent(string? key)
    {
        lock (_gate)
        {
            if (key is not null && key == _liveKey)
            {
                return (key, _liveCommitNumber, ++_liveSequence);
            }

            var (newKey, commitNumber) = NextLocked();
            _liveKey = key ?? newKey;
            _liveCommitNumber = commitNumber;
            _liveSequence = 1;
            return (_liveKey, commitNumber, 1);
        }
    }

    /// <summary>Starts a live transaction with no event yet: the next live event given this key is its sequenceNumber 1.</summary>
    public string StartLive()
    {
        lock (_gate)
        {
            var (key, commitNumber) = NextLocked();
            _liveKey = key;
            _liveCommitNumber = commitNumber;
            _liveSequence = 0;
            return key;
        }
    }

    private (string Key, long CommitNumber) NextLocked()
    {
        _commitNumber += _gaps.Next(1, 40);
        return (_ids.Uuid("transaction", _transactions++), _commitNumber);
    }
}
