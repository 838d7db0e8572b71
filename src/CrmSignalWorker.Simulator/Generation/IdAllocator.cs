using CrmSignalWorker.Simulator.Data;

namespace CrmSignalWorker.Simulator.Generation;

/// <summary>
/// Hands out ids per key prefix in allocation order. The pod letters and the starting sequence come from the seed,
/// so different seeds give different ids while one seed always gives the same ones.
/// </summary>
internal sealed class IdAllocator
{
    private readonly string _pod;
    private readonly long _firstSequence;
    private readonly Dictionary<string, long> _next = new(StringComparer.Ordinal);

    public IdAllocator(int seed)
    {
        var mixed = unchecked((uint)seed * 2654435761u) ^ 0x5bd1e995u;
        _pod = string.Concat(SalesforceId.Base62Digit((int)(mixed % 62)), SalesforceId.Base62Digit((int)(mixed / 62 % 62)));
        _firstSequence = 1_000_000_000L + (mixed % 50_000_000L);
    }

    public string Next(string prefix)
    {
        var sequence = _next.TryGetValue(prefix, out var value) ? value : _firstSequence + PrefixOffset(prefix);
        _next[prefix] = sequence + 1;
        return SalesforceId.Create(prefix, _pod, sequence);
    }

    // Each key prefix starts elsewhere, so a user, a profile and an opportunity never share a suffix.
    private static long PrefixOffset(string prefix)
    {
        var hash = 17L;
        foreach (var c in prefix)
        {
            hash = (hash * 31) + c;
        }

        return hash * 7919 % 3_000_000;
    }
}
