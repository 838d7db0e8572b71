using CrmSignalWorker.Simulator.Data;

namespace CrmSignalWorker.UnitTests.Simulator.Data;

public sealed class SalesforceIdTests
{
    [Theory]
    [InlineData("00D000000000ABC", "00D000000000ABCEA2")]
    [InlineData("005000000000000", "005000000000000AAA")]
    [InlineData("ABCDEABCDEABCDE", "ABCDEABCDEABCDE555")]
    public void To18_AppendsCaseChecksum(string id15, string expected)
    {
        Assert.Equal(expected, SalesforceId.To18(id15));
    }

    [Fact]
    public void Create_LaterSequence_SortsAfterEarlierOrdinally()
    {
        var ids = Enumerable.Range(0, 200).Select(i => SalesforceId.Create("017", "nL", 1_000_000_000L + (i * 61))).ToList();

        Assert.Equal(ids, ids.Order(StringComparer.Ordinal));
        Assert.All(ids, id => Assert.Equal(18, id.Length));
    }

    [Theory]
    [InlineData("005000000000000", "005000000000000AAA", true)]
    [InlineData("005000000000000AAA", "005000000000001AAA", false)]
    [InlineData("00500000000000a", "00500000000000A", false)]
    public void KeysEqual_ComparesCaseSensitiveFifteenCharacterKey(string left, string right, bool expected)
    {
        Assert.Equal(expected, SalesforceId.KeysEqual(left, right));
    }
}
