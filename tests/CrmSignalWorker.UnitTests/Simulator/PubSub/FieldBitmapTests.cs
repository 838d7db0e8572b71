using CrmSignalWorker.Simulator.PubSub;

namespace CrmSignalWorker.UnitTests.Simulator.PubSub;

public sealed class FieldBitmapTests
{
    [Fact]
    public void Encode_CapturedAccountUpdate_MatchesSalesforceBytes()
    {
        // A real AccountChangeEvent: LastModifiedDate (index 22) and BillingAddress (index 4) child 0, Street.
        var encoded = FieldBitmap.Encode([new FieldPosition(22), new FieldPosition(4, 0)]);

        Assert.Equal(["0x400000", "4-0x01"], encoded);
    }

    [Fact]
    public void Encode_HeaderField4AndNested_SetsBitsZeroAndFourAndChildBits()
    {
        var encoded = FieldBitmap.Encode([new FieldPosition(0), new FieldPosition(4), new FieldPosition(1, 2), new FieldPosition(1, 0), new FieldPosition(7, 9)]);

        Assert.Equal(["0x11", "1-0x05", "7-0x0200"], encoded);
    }

    [Fact]
    public void Encode_NoFields_ReturnsEmptyArray()
    {
        Assert.Empty(FieldBitmap.Encode([]));
    }

    [Fact]
    public void Encode_OnlyNestedFields_StillLeadsWithTopLevelBitmap()
    {
        Assert.Equal(["0x00", "1-0x02"], FieldBitmap.Encode([new FieldPosition(1, 1)]));
    }

    [Fact]
    public void Encode_IndexBeyond64Bits_UsesWholeBytesWithoutSignByte()
    {
        var encoded = FieldBitmap.Encode([new FieldPosition(70), new FieldPosition(7)]);

        Assert.Equal(["0x400000000000000080"], encoded);
    }

    [Fact]
    public void Encode_HighBitOfAByte_HasNoLeadingZeroByte()
    {
        Assert.Equal(["0x80"], FieldBitmap.Encode([new FieldPosition(7)]));
    }
}
