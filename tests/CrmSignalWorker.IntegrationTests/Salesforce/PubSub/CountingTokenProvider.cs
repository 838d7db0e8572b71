using CrmSignalWorker.Salesforce.Auth;

namespace CrmSignalWorker.IntegrationTests.SalesforcePubSub;

/// <summary>Passes through to the real provider and remembers every distinct token handed out and every rejection.</summary>
internal sealed class CountingTokenProvider(ISalesforceTokenProvider inner) : ISalesforceTokenProvider
{
    private readonly Lock _gate = new();
    private readonly List<SalesforceToken> _issued = [];
    private int _invalidations;

    public IReadOnlyList<string> IssuedTokens
    {
        get
        {
            lock (_gate)
            {
                return [.. _issued.Select(t => t.AccessToken)];
            }
        }
    }

    public int Invalidations => Volatile.Read(ref _invalidations);

    public async Task<SalesforceToken> GetTokenAsync(CancellationToken ct)
    {
        var token = await inner.GetTokenAsync(ct);
        lock (_gate)
        {
            if (!_issued.Contains(token))
            {
                _issued.Add(token);
            }
        }

        return token;
    }

    public void Invalidate(SalesforceToken rejected)
    {
        Interlocked.Increment(ref _invalidations);
        inner.Invalidate(rejected);
    }
}
