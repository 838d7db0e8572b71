using CrmSignalWorker.Salesforce.PubSub;

namespace CrmSignalWorker.UnitTests.Salesforce.PubSub;

public sealed class ReplayIdTests
{
    [Fact]
    public void ToUInt64_CapturedWireBytes_Is17086068()
    {
        // \0\0\0\0\x01\x04\xb6t from a captured event.
        Assert.Equal(17_086_068UL, ReplayId.ToUInt64([0, 0, 0, 0, 0x01, 0x04, 0xb6, (byte)'t']));
    }

    [Fact]
    public void FromUInt64_RoundTripsBigEndian()
    {
        var bytes = ReplayId.FromUInt64(17_086_068);

        Assert.Equal(new byte[] { 0, 0, 0, 0, 0x01, 0x04, 0xb6, 0x74 }, bytes);
        Assert.Equal(17_086_068UL, ReplayId.ToUInt64(bytes));
    }

    [Fact]
    public void Format_NotEightBytes_IsHexAndEmptyIsNone()
    {
        Assert.Equal("0x0a0b", ReplayId.Format([0x0a, 0x0b]));
        Assert.Equal("none", ReplayId.Format([]));
        Assert.Throws<ArgumentException>(() => ReplayId.ToUInt64([1, 2, 3]));
    }

    [Fact]
    public void After_CopiesTheBytesAndNamesTheReplayIdInToString()
    {
        var bytes = ReplayId.FromUInt64(42);
        var start = ReplayStart.After(bytes);
        bytes[7] = 0;

        Assert.Equal(ReplayId.FromUInt64(42), start.ReplayId);
        Assert.Equal("after replay id 42", start.ToString());
        Assert.Throws<ArgumentException>(() => ReplayStart.After([]));
        Assert.Null(ReplayStart.Latest.ReplayId);
    }
}
