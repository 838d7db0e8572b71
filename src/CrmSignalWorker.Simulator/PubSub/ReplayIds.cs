using System.Buffers.Binary;

namespace CrmSignalWorker.Simulator.PubSub;

/// <summary>Replay ids on the wire: 8 bytes, a big-endian unsigned 64-bit integer (the observed Salesforce form).</summary>
internal static class ReplayIds
{
    public const int Length = 8;

    public static byte[] ToBytes(ulong value)
    {
        var bytes = new byte[Length];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, value);
        return bytes;
    }

    public static bool TryParse(ReadOnlySpan<byte> bytes, out ulong value)
    {
        if (bytes.Length != Length)
        {
            value = 0;
            return false;
        }

        value = BinaryPrimitives.ReadUInt64BigEndian(bytes);
        return true;
    }
}
