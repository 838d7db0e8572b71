using System.Security.Cryptography;

namespace CrmSignalWorker.Salesforce.Auth;

/// <summary>
/// The RSA private key of the connected app's certificate, from a PEM file or a PEM value (an environment
/// variable fed from a secret). Errors name where the key was expected, never its content.
/// </summary>
public sealed class SigningKey : IDisposable
{
    private readonly RSA _rsa;
    private readonly Lock _gate = new();

    private SigningKey(RSA rsa) => _rsa = rsa;

    public static SigningKey FromPem(string pem, string source)
    {
        ArgumentNullException.ThrowIfNull(pem);
        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(pem);
            // A public key imports too, but cannot sign; find out now rather than at the first token request.
            rsa.ExportRSAPrivateKey();
            return new SigningKey(rsa);
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            rsa.Dispose();
            throw new SalesforceAuthException($"{source} does not hold a PEM-encoded RSA private key.");
        }
    }

    public static SigningKey FromFile(string path, string source)
    {
        try
        {
            return FromPem(File.ReadAllText(path), source);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SalesforceAuthException($"{source} names a key file that cannot be read: {ex.GetType().Name}.");
        }
    }

    /// <summary>RSA instances are not safe for concurrent signing; signing is rare, so a lock is enough.</summary>
    public T Use<T>(Func<RSA, T> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        lock (_gate)
        {
            return action(_rsa);
        }
    }

    public void Dispose() => _rsa.Dispose();
}
