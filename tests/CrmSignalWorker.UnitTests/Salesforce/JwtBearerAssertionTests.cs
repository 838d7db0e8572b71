using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CrmSignalWorker.Salesforce.Auth;

namespace CrmSignalWorker.UnitTests.Salesforce;

public sealed class JwtBearerAssertionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Create_SignsTheClaimsSalesforceExpects_WithRs256()
    {
        using var rsa = RSA.Create(2048);

        var jwt = JwtBearerAssertion.Create("3MVG9consumer", "integration@example.com", "https://login.salesforce.com", Now, rsa);

        var parts = jwt.Split('.');
        Assert.Equal(3, parts.Length);
        Assert.Equal("""{"alg":"RS256"}""", Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[0])));
        using var claims = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
        Assert.Equal("3MVG9consumer", claims.RootElement.GetProperty("iss").GetString());
        Assert.Equal("integration@example.com", claims.RootElement.GetProperty("sub").GetString());
        Assert.Equal("https://login.salesforce.com", claims.RootElement.GetProperty("aud").GetString());
        Assert.Equal((Now + TimeSpan.FromMinutes(3)).ToUnixTimeSeconds(), claims.RootElement.GetProperty("exp").GetInt64());
        Assert.True(rsa.VerifyData(
            Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Base64Url.DecodeFromChars(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    [Fact]
    public void Create_WithAnotherKey_DoesNotVerify()
    {
        using var signer = RSA.Create(2048);
        using var other = RSA.Create(2048);

        var parts = JwtBearerAssertion.Create("key", "user", "https://login.salesforce.com", Now, signer).Split('.');

        Assert.False(other.VerifyData(
            Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Base64Url.DecodeFromChars(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    [Fact]
    public void FromPem_PrivateKey_SignsAssertions()
    {
        using var rsa = RSA.Create(2048);
        using var key = SigningKey.FromPem(rsa.ExportPkcs8PrivateKeyPem(), "Salesforce:PrivateKey");

        var form = new JwtBearerGrant("key", "user", "https://login.salesforce.com", key).CreateForm(Now);

        Assert.Equal("urn:ietf:params:oauth:grant-type:jwt-bearer", form.Single(f => f.Key == "grant_type").Value);
        Assert.Equal(3, form.Single(f => f.Key == "assertion").Value.Split('.').Length);
    }

    [Fact]
    public void FromPem_PublicKeyOnly_IsRejectedNamingTheSetting()
    {
        using var rsa = RSA.Create(2048);

        var error = Assert.Throws<SalesforceAuthException>(() => SigningKey.FromPem(rsa.ExportSubjectPublicKeyInfoPem(), "Salesforce:PrivateKey"));

        Assert.Contains("Salesforce:PrivateKey does not hold a PEM-encoded RSA private key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromPem_Garbage_IsRejectedWithoutEchoingIt()
    {
        var error = Assert.Throws<SalesforceAuthException>(() => SigningKey.FromPem("not-a-key-s3cr3t", "Salesforce:PrivateKey"));

        Assert.DoesNotContain("s3cr3t", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromFile_MissingFile_NamesTheSetting()
    {
        var error = Assert.Throws<SalesforceAuthException>(() =>
            SigningKey.FromFile(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "key.pem"), "Salesforce:PrivateKeyPath"));

        Assert.Contains("Salesforce:PrivateKeyPath", error.Message, StringComparison.Ordinal);
    }
}
