namespace CrmSignalWorker.Salesforce.Auth;

public interface ISalesforceTokenProvider
{
    /// <summary>A cached token, minted when there is none.</summary>
    Task<SalesforceToken> GetTokenAsync(CancellationToken ct);

    /// <summary>Drops <paramref name="rejected"/> so the next call mints a new token; a newer token is kept.</summary>
    void Invalidate(SalesforceToken rejected);
}
