using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace CrmSignalWorker.Simulator.Http;

/// <summary>
/// Checks a JWT bearer assertion the way Salesforce does: RS256 signature by the connected app's certificate,
/// iss = consumer key, aud = the login host, sub = an active user's username, exp in the near future.
/// </summary>
internal sealed class JwtAssertionValidator(SimulatedOrgOptions options, Scenario scenario, TimeProvider timeProvider)
{
    /// <summary>Salesforce rejects assertions that expire too far ahead; a few minutes of leeway.</summary>
    private static readonly TimeSpan MaxLifetime = TimeSpan.FromMinutes(5);

    /// <returns>The user the token is for, or null with the OAuth error description.</returns>
    public (SimUser? User, string? Error) Validate(string assertion, string expectedAudience)
    {
        if (options.JwtPublicKeyPem is null)
        {
            return (null, "the connected app has no certificate for the JWT bearer flow");
        }

        var parts = assertion.Split('.');
        if (parts.Length != 3)
        {
            return (null, "invalid assertion");
        }

        try
        {
            using var header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0]));
            if (!header.RootElement.TryGetProperty("alg", out var alg) || alg.GetString() != "RS256")
            {
                return (null, "invalid assertion: alg must be RS256");
            }

            using var rsa = RSA.Create();
            rsa.ImportFromPem(options.JwtPublicKeyPem);
            if (!rsa.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Base64Url.DecodeFromChars(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
            {
                return (null, "invalid assertion");
            }

            using var claims = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
            var root = claims.RootElement;
            if (Text(root, "iss") != options.ClientId)
            {
                return (null, "invalid client credentials");
            }

            if (!string.Equals(Text(root, "aud")?.TrimEnd('/'), expectedAudience.TrimEnd('/'), StringComparison.OrdinalIgnoreCase))
            {
                return (null, "audience is invalid");
            }

            if (!root.TryGetProperty("exp", out var exp) || !exp.TryGetInt64(out var seconds))
            {
                return (null, "invalid assertion: exp is required");
            }

            var expires = DateTimeOffset.FromUnixTimeSeconds(seconds);
            var now = timeProvider.GetUtcNow();
            if (expires <= now || expires > now + MaxLifetime)
            {
                return (null, "expired authorization code");
            }

            var user = scenario.Users.FirstOrDefault(u => u.IsActive && string.Equals(u.Username, Text(root, "sub"), StringComparison.OrdinalIgnoreCase));
            return user is null ? (null, "user hasn't approved this consumer") : (user, null);
        }
        catch (Exception ex) when (ex is FormatException or JsonException or CryptographicException or ArgumentException or InvalidOperationException)
        {
            return (null, "invalid assertion");
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
