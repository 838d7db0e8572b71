using System.Security.Cryptography;
using System.Text;
using CrmSignalWorker.Core.Access;
using Microsoft.Extensions.Options;

namespace CrmSignalWorker.Api;

/// <summary>
/// The configured tokens, held as SHA-256 digests. A presented token is hashed and compared with every digest in
/// constant time: fixed-length digests leak neither a secret's length nor how many leading characters matched, and
/// no comparison stops early, so response time does not tell which token was close.
/// </summary>
public sealed class ApiTokenRegistry
{
    private readonly (byte[] Digest, ApiToken Token)[] _tokens;

    public ApiTokenRegistry(IOptions<ApiOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _tokens = options.Value.Tokens
            .Select(t => (Digest(t.Secret!), new ApiToken(t.Name!, t.Roles.Distinct(StringComparer.Ordinal).ToList(), MarketScope.Parse(t.Markets))))
            .ToArray();
    }

    /// <summary>False when no token is configured: the API is then not served.</summary>
    public bool IsEnabled => _tokens.Length > 0;

    public int Count => _tokens.Length;

    /// <summary>The token whose secret is <paramref name="presented"/>, or null.</summary>
    public ApiToken? Match(string presented)
    {
        ArgumentNullException.ThrowIfNull(presented);
        var digest = Digest(presented);
        ApiToken? match = null;
        foreach (var (candidate, token) in _tokens)
        {
            if (CryptographicOperations.FixedTimeEquals(candidate, digest))
            {
                match = token;
            }
        }

        return match;
    }

    /// <summary>A digest as text, for telling configured secrets apart without comparing the secrets themselves.</summary>
    internal static string DigestText(string secret) => Convert.ToHexString(Digest(secret));

    private static byte[] Digest(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));
}
