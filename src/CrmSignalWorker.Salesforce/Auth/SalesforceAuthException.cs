namespace CrmSignalWorker.Salesforce.Auth;

/// <summary>Salesforce refused to issue a token. Holds the OAuth error code, never the credentials.</summary>
public sealed class SalesforceAuthException : Exception
{
    public SalesforceAuthException()
    {
    }

    public SalesforceAuthException(string message)
        : base(message)
    {
    }

    public SalesforceAuthException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SalesforceAuthException(string message, bool isTransient)
        : base(message)
    {
        IsTransient = isTransient;
    }

    public SalesforceAuthException(string message, Exception innerException, bool isTransient)
        : base(message, innerException)
    {
        IsTransient = isTransient;
    }

    /// <summary>The token endpoint was unavailable (5xx) rather than refusing the credentials; retrying may help.</summary>
    public bool IsTransient { get; }
}
