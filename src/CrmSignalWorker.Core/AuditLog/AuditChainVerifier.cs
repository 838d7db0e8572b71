namespace CrmSignalWorker.Core.AuditLog;

/// <summary>The outcome of walking a chain: intact, or the first position where it breaks and how.</summary>
public sealed record AuditVerification(long Entries, string Head, long? BrokenAt, string? Problem)
{
    public bool Intact => BrokenAt is null;
}

/// <summary>
/// Walks audit entries in position order and reports the first break: an altered entry (its content no longer
/// matches its hash), a missing one (a gap in positions, or an entry whose previous hash names another), or a chain
/// that ends elsewhere than the head recorded earlier (rows cut from the end). Works the same on the table and on an
/// exported file, so a copy can be checked without the database.
/// </summary>
public sealed class AuditChainVerifier
{
    private readonly string? _expectedHead;
    private long _count;
    private long _lastPosition;
    private string _lastHash = AuditChain.GenesisHash;
    private bool _sawExpectedHead;

    /// <param name="expectedHead">A head recorded earlier (a digest, an export); the chain must still end there or run past it.</param>
    public AuditChainVerifier(string? expectedHead = null) => _expectedHead = expectedHead?.Trim().ToLowerInvariant();

    public long? BrokenAt { get; private set; }

    public string? Problem { get; private set; }

    /// <summary>Takes the next entry; false once the chain is broken (later entries cannot be trusted).</summary>
    public bool Add(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (BrokenAt is not null)
        {
            return false;
        }

        var expectedPosition = _lastPosition + 1;
        if (entry.Position != expectedPosition)
        {
            return Break(expectedPosition, entry.Position > expectedPosition
                ? $"entry {expectedPosition} is missing: the next entry found is {entry.Position}"
                : $"entry {entry.Position} appears again after entry {_lastPosition}");
        }

        if (!string.Equals(entry.PreviousHash, _lastHash, StringComparison.Ordinal))
        {
            return Break(entry.Position, $"entry {entry.Position} does not follow entry {_lastPosition}: its previous hash names another entry (one was replaced or removed)");
        }

        if (!string.Equals(AuditChain.HashOf(entry.Position, entry.Record, entry.PreviousHash), entry.Hash, StringComparison.Ordinal))
        {
            return Break(entry.Position, $"entry {entry.Position} was altered: its content does not match its hash");
        }

        _count++;
        _lastPosition = entry.Position;
        _lastHash = entry.Hash;
        _sawExpectedHead |= string.Equals(entry.Hash, _expectedHead, StringComparison.Ordinal);
        return true;
    }

    public AuditVerification Complete()
    {
        if (BrokenAt is null && _expectedHead is not null && !_sawExpectedHead)
        {
            Break(_lastPosition + 1, $"the chain ends at entry {_lastPosition} without reaching the expected head {_expectedHead}: entries were removed from its end or replaced");
        }

        return new AuditVerification(_count, _lastHash, BrokenAt, Problem);
    }

    public static AuditVerification Verify(IEnumerable<AuditEntry> entries, string? expectedHead = null)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var verifier = new AuditChainVerifier(expectedHead);
        foreach (var entry in entries)
        {
            if (!verifier.Add(entry))
            {
                break;
            }
        }

        return verifier.Complete();
    }

    private bool Break(long position, string problem)
    {
        BrokenAt = position;
        Problem = problem;
        return false;
    }
}
