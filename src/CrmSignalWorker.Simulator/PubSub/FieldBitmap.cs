using System.Numerics;

namespace CrmSignalWorker.Simulator.PubSub;

/// <summary>
/// The bitmap form Pub/Sub uses for changedFields, nulledFields and diffFields (facts sheet §2.4): element 0 is
/// <c>0x&lt;hex&gt;</c> with bit i set for top-level Avro field index i (bit 0 = ChangeEventHeader); each compound with
/// changed children adds <c>"&lt;parentIndex&gt;-0x&lt;hex&gt;"</c> over its child indexes. Hex is upper case in whole bytes,
/// as in captured events (<c>['0x400000','4-0x01']</c>); a compound's own top-level bit is not set for its children.
/// </summary>
internal static class FieldBitmap
{
    public static string[] Encode(IEnumerable<FieldPosition> positions)
    {
        ArgumentNullException.ThrowIfNull(positions);
        var top = BigInteger.Zero;
        var any = false;
        var nested = new SortedDictionary<int, BigInteger>();
        foreach (var position in positions)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(position.Index);
            any = true;
            if (position.Child is { } child)
            {
                ArgumentOutOfRangeException.ThrowIfNegative(child);
                nested[position.Index] = nested.GetValueOrDefault(position.Index) | (BigInteger.One << child);
            }
            else
            {
                top |= BigInteger.One << position.Index;
            }
        }

        if (!any)
        {
            return [];
        }

        return [Hex(top), .. nested.Select(pair => $"{pair.Key}-{Hex(pair.Value)}")];
    }

    private static string Hex(BigInteger bits) =>
        "0x" + Convert.ToHexString(bits.ToByteArray(isUnsigned: true, isBigEndian: true));
}
