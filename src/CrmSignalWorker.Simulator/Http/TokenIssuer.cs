using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace CrmSignalWorker.Simulator.Http;

/// <summary>
/// Issues and checks access tokens. Token text is an HMAC of a counter under a seed-derived key: it looks random,
/// cannot be guessed from outside, and one seed always issues the same sequence.
/// </summary>
internal sealed class TokenIssuer(Scenario scenario, SimulatedOrgOptions options, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, IssuedToken> _tokens = new(StringComparer.Ordinal);
    private readonly byte[] _key = Encoding.UTF8.GetBytes($"crmsignal-simulator:{options.Seed}");
    private long _issued;
    private long _revokedBelow;

    public IssuedToken Issue()
    {
        lock (_gate)
        {
            var sequence = _issued++;
            var token = new IssuedToken($"{scenario.OrganizationId[..15]}!AQ{Body(sequence)}", sequence, time.GetUtcNow());
            _tokens.Add(token.AccessToken, token);
            return token;
        }
    }

    /// <summary>Lifetime is absolute from issue; Salesforce's is inactivity-based, but absolute expiry exercises refresh more often.</summary>
    public bool IsValid(string? accessToken)
    {
        if (accessToken is null)
        {
            return false;
        }

        lock (_gate)
        {
            return _tokens.TryGetValue(accessToken, out var token)
                && token.Sequence >= _revokedBelow
                && time.GetUtcNow() < token.IssuedAt + options.TokenLifetime;
        }
    }

    /// <summary>Revokes every token issued so far; later ones are unaffected.</summary>
    public void RevokeAll()
    {
        lock (_gate)
        {
            _revokedBelow = _issued;
        }
    }

    private string Body(long sequence)
    {
        Span<byte> counter = stackalloc byte[8];
        Span<byte> mac = stackalloc byte[64];
        BinaryPrimitives.WriteInt64BigEndian(counter, sequence * 2);
        HMACSHA256.HashData(_key, counter, mac[..32]);
        BinaryPrimitives.WriteInt64BigEndian(counter, (sequence * 2) + 1);
        HMACSHA256.HashData(_key, counter, mac[32..]);

        // Salesforce tokens use letters, digits, '.', '_' and '!' only.
        return Convert.ToBase64String(mac).TrimEnd('=').Replace('+', '.').Replace('/', '_');
    }
}

internal sealed record IssuedToken(string AccessToken, long Sequence, DateTimeOffset IssuedAt);
