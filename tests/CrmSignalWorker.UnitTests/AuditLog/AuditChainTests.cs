using CrmSignalWorker.Core.AuditLog;

namespace CrmSignalWorker.UnitTests.AuditLog;

public sealed class AuditChainTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 9, 15, 0, TimeSpan.Zero);

    private static List<AuditEntry> Chain(int count)
    {
        var entries = new List<AuditEntry>();
        var previous = AuditChain.GenesisHash;
        for (var i = 1; i <= count; i++)
        {
            var entry = AuditChain.Seal(i, new AuditRecord(AuditKinds.FlagPaused, "ana.ops", $"Lead_Router_{i}", "mass misrouting", Start.AddMinutes(i)), previous);
            entries.Add(entry);
            previous = entry.Hash;
        }

        return entries;
    }

    [Fact]
    public void HashOf_FirstEntry_MatchesTheEncodingComputedIndependently()
    {
        // SHA-256 over length-prefixed (big-endian int32) UTF-8 fields: previous hash, position, instant, kind,
        // actor, subject, detail; computed outside .NET. Exports stay verifiable only while this does not change.
        var record = new AuditRecord(AuditKinds.FlagPaused, "ana.ops", "MarketoSync", "mass misrouting from the lead router",
            new DateTimeOffset(2026, 11, 23, 10, 15, 0, TimeSpan.FromHours(1)).AddTicks(1_234_567));

        Assert.Equal("00c39b133ed112b70dc69e215f21d03b5bc00b2aa22e9fe5a36196edd4d0cfc7", AuditChain.HashOf(1, record, AuditChain.GenesisHash));
    }

    [Fact]
    public void HashOf_AnInstantWithMoreThanMicroseconds_HashesAsPostgresReadsItBack()
    {
        var clock = Start.AddTicks(1_234_567);
        var stored = Start.AddTicks(1_234_560);

        Assert.Equal(
            AuditChain.HashOf(1, new AuditRecord("k", "a", "s", "d", stored), AuditChain.GenesisHash),
            AuditChain.HashOf(1, new AuditRecord("k", "a", "s", "d", clock), AuditChain.GenesisHash));
    }

    [Fact]
    public void HashOf_FieldsThatConcatenateAlike_HashDifferently()
    {
        var a = AuditChain.HashOf(1, new AuditRecord("k", "ab", "c", "d", Start), AuditChain.GenesisHash);
        var b = AuditChain.HashOf(1, new AuditRecord("k", "a", "bc", "d", Start), AuditChain.GenesisHash);

        Assert.NotEqual(a, b);
    }

    [Fact]
    public void Verify_UntouchedChain_IsIntactWithTheLastHashAsHead()
    {
        var chain = Chain(5);

        var result = AuditChainVerifier.Verify(chain);

        Assert.True(result.Intact, result.Problem);
        Assert.Equal(5, result.Entries);
        Assert.Equal(chain[^1].Hash, result.Head);
    }

    [Fact]
    public void Verify_EmptyChain_IsIntactAtTheGenesisHash()
    {
        var result = AuditChainVerifier.Verify([]);

        Assert.True(result.Intact);
        Assert.Equal(AuditChain.GenesisHash, result.Head);
    }

    [Fact]
    public void Verify_AlteredEntry_BreaksAtItsPosition()
    {
        var chain = Chain(5);
        chain[2] = chain[2] with { Record = chain[2].Record with { Detail = "routine maintenance" } };

        var result = AuditChainVerifier.Verify(chain);

        Assert.Equal(3, result.BrokenAt);
        Assert.Contains("entry 3 was altered", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_DeletedEntry_BreaksWhereItIsMissing()
    {
        var chain = Chain(5);
        chain.RemoveAt(1);

        var result = AuditChainVerifier.Verify(chain);

        Assert.Equal(2, result.BrokenAt);
        Assert.Contains("entry 2 is missing", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_EntryReplacedAndResealed_BreaksAtTheEntryAfterIt()
    {
        // Whoever rewrites an entry can recompute its own hash, but not the next entry's link to it.
        var chain = Chain(5);
        chain[2] = AuditChain.Seal(3, chain[2].Record with { Actor = "someone.else" }, chain[1].Hash);

        var result = AuditChainVerifier.Verify(chain);

        Assert.Equal(4, result.BrokenAt);
        Assert.Contains("entry 4 does not follow entry 3", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_EntriesCutFromTheEnd_BreakOnlyAgainstAnEarlierHead()
    {
        var chain = Chain(5);
        var earlierHead = chain[^1].Hash;
        chain.RemoveRange(3, 2);

        Assert.True(AuditChainVerifier.Verify(chain).Intact);
        var result = AuditChainVerifier.Verify(chain, earlierHead);

        Assert.Equal(4, result.BrokenAt);
        Assert.Contains("without reaching the expected head", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_AnEarlierHeadInsideALongerChain_IsIntact()
    {
        var chain = Chain(5);

        Assert.True(AuditChainVerifier.Verify(chain, chain[2].Hash.ToUpperInvariant()).Intact);
    }
}
