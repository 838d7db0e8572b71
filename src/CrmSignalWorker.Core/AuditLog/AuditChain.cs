using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CrmSignalWorker.Core.AuditLog;

/// <summary>
/// The hash that links each audit entry to the one before: SHA-256 over the previous hash, the position and every
/// field, each length-prefixed so no two different entries encode alike. Changing, removing or reordering any
/// entry changes every hash after it.
/// </summary>
public static class AuditChain
{
    /// <summary>The previous hash of the first entry.</summary>
    public static readonly string GenesisHash = new('0', 64);

    public static AuditEntry Seal(long position, AuditRecord record, string previousHash)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new AuditEntry(position, record, previousHash, HashOf(position, record, previousHash));
    }

    public static string HashOf(long position, AuditRecord record, string previousHash)
    {
        ArgumentNullException.ThrowIfNull(record);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Append(hash, previousHash);
        Append(hash, position.ToString(CultureInfo.InvariantCulture));
        Append(hash, record.StoredInstant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
        Append(hash, record.Kind);
        Append(hash, record.Actor);
        Append(hash, record.Subject);
        Append(hash, record.Detail);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static void Append(IncrementalHash hash, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
        hash.AppendData(length);
        hash.AppendData(bytes);
    }
}
