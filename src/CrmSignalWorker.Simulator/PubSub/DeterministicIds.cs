using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CrmSignalWorker.Simulator.PubSub;

/// <summary>UUID-shaped ids (event ids, transaction keys) hashed from the seed, so one seed always yields the same ones.</summary>
internal sealed class DeterministicIds(int seed)
{
    public string Uuid(string kind, long counter)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"crmsignal-simulator:{seed}:{kind}:{counter}");
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), hash);

        // Version 4 and RFC 4122 variant bits, so the text parses as an ordinary random UUID.
        hash[6] = (byte)((hash[6] & 0x0F) | 0x40);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true).ToString("D");
    }
}
