using System.Buffers.Binary;
using System.Globalization;

namespace CrmSignalWorker.Salesforce.PubSub;

/// <summary>
/// Replay ids are opaque bytes: store and send them back exactly as received. On the wire they are 8-byte
/// big-endian unsigned integers, which is only useful to make logs readable; never compute one id from another.
/// </summary>
public static class ReplayId
{
    /// <summary>The number an 8-byte replay id encodes.</summary>
    /// <exception cref="ArgumentException">The id is not 8 bytes long.</exception>
    public static ulong ToUInt64(ReadOnlySpan<byte> replayId) => replayId.Length == sizeof(ulong)
        ? BinaryPrimitives.ReadUInt64BigEndian(replayId)
        : throw new ArgumentException($"A replay id of {replayId.Length} bytes is not an 8-byte number.", nameof(replayId));

    /// <summary>The 8-byte big-endian form of <paramref name="value"/> (for tests and fakes).</summary>
    public static byte[] FromUInt64(ulong value)
    {
        var bytes = new byte[sizeof(ulong)];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, value);
        return bytes;
    }

    /// <summary>For logs: the number for an 8-byte id, hex otherwise, <c>none</c> when empty.</summary>
    public static string Format(ReadOnlySpan<byte> replayId) => replayId.Length switch
    {
        0 => "none",
        sizeof(ulong) => BinaryPrimitives.ReadUInt64BigEndian(replayId).ToString(CultureInfo.InvariantCulture),
        _ => "0x" + Convert.ToHexStringLower(replayId),
    };
}
