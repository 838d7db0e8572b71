using CrmSignalWorker.Simulator.PubSub;

namespace CrmSignalWorker.UnitTests.Simulator.PubSub;

public sealed class ReplayIdsTests
{
    [Fact]
    public void ToBytes_CapturedValue_IsEightBytesBigEndian()
    {
        // The facts sheet's capture: \0\0\0\0\x01\x04\xb6t decodes to 17086068.
        Assert.Equal(new byte[] { 0, 0, 0, 0, 0x01, 0x04, 0xB6, (byte)'t' }, ReplayIds.ToBytes(17086068));
    }

    [Theory]
    [InlineData(1UL)]
    [InlineData(17086068UL)]
    [InlineData(ulong.MaxValue)]
    public void TryParse_OwnBytes_RoundTrips(ulong value)
    {
        Assert.True(ReplayIds.TryParse(ReplayIds.ToBytes(value), out var parsed));
        Assert.Equal(value, parsed);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(9)]
    public void TryParse_WrongLength_Fails(int length)
    {
        Assert.False(ReplayIds.TryParse(new byte[length], out _));
    }
}
