using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace CrmSignalWorker.Salesforce.Auth;

/// <summary>
/// The signed JWT of Salesforce's OAuth 2.0 JWT bearer flow: header {"alg":"RS256"}; claims iss (consumer key),
/// sub (username), aud (login host, not the token URL) and exp (epoch seconds, a few minutes ahead).
/// </summary>
public static class JwtBearerAssertion
{
    /// <summary>Salesforce accepts assertions that expire within about three minutes; clock skew is the usual failure.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(3);

    public static string Create(string consumerKey, string username, string audience, DateTimeOffset now, RSA key)
    {
        ArgumentException.ThrowIfNullOrEmpty(consumerKey);
        ArgumentException.ThrowIfNullOrEmpty(username);
        ArgumentException.ThrowIfNullOrEmpty(audience);
        ArgumentNullException.ThrowIfNull(key);

        var header = Base64Url.EncodeToString("""{"alg":"RS256"}"""u8);
        var claims = Base64Url.EncodeToString(Claims(consumerKey, username, audience, now + Lifetime));
        var signingInput = header + "." + claims;
        var signature = key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signingInput + "." + Base64Url.EncodeToString(signature);
    }

    private static byte[] Claims(string issuer, string subject, string audience, DateTimeOffset expires)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("iss", issuer);
            writer.WriteString("sub", subject);
            writer.WriteString("aud", audience);
            writer.WriteNumber("exp", expires.ToUnixTimeSeconds());
            writer.WriteEndObject();
        }

        return stream.ToArray();
    }
}
