using System.Security.Cryptography;
using CrmSignalWorker.IntegrationTests.Infrastructure;
using CrmSignalWorker.Salesforce.Auth;
using CrmSignalWorker.Simulator;
using CrmSignalWorker.Sources;

namespace CrmSignalWorker.IntegrationTests.Pipeline;

/// <summary>
/// The worker configured for the OAuth 2.0 JWT bearer flow (Salesforce:AuthFlow=JwtBearer) against a simulated org
/// whose connected app holds the certificate's public key: the org checks the RS256 signature, iss, aud, sub and exp
/// of every assertion, so a history poll and a change stream only work when the worker signs the right claims.
/// </summary>
public sealed class JwtBearerPipelineTests : IAsyncLifetime, IDisposable
{
    /// <summary>{"alg":"RS256"} base64url-encoded: how every assertion the worker signs begins.</summary>
    private const string AssertionHeader = "eyJhbGciOiJSUzI1NiJ9";

    private readonly RSA _key = RSA.Create(2048);
    private readonly PostgresDatabase _database = new();
    private readonly SimulatedOrgOptions _orgOptions = new() { Seed = 31, Opportunities = 30, Leads = 15, Days = 5, KeepAliveInterval = TimeSpan.FromMilliseconds(300) };
    private readonly LogCapture _logs = new();
    private SimulatedOrg _org = null!;

    public async Task InitializeAsync()
    {
        _orgOptions.JwtPublicKeyPem = _key.ExportSubjectPublicKeyInfoPem();
        await _database.InitializeAsync();
        _org = await SimulatedOrg.StartAsync(_orgOptions);
    }

    public async Task DisposeAsync()
    {
        await _org.DisposeAsync();
        await _database.DisposeAsync();
    }

    public void Dispose()
    {
        _key.Dispose();
        _logs.Dispose();
    }

    private string Username => _org.Scenario.Users.First(u => u.IsActive && u.Id == _org.Scenario.RunAsUserId).Username;

    private WorkerHarness CreateWorker(string privateKeyPem, Action<Dictionary<string, string?>>? configure = null, DateTimeOffset? now = null)
    {
        var settings = WorkerHarness.BaseSettings(_database, _org, _orgOptions);
        // No secret at all: the signed assertion is the only credential.
        settings.Remove("Salesforce:ClientSecret");
        settings["Salesforce:AuthFlow"] = "JwtBearer";
        settings["Salesforce:Username"] = Username;
        settings["Salesforce:PrivateKey"] = privateKeyPem;
        settings["PubSub:Endpoint"] = _org.PubSubUrl.ToString();
        settings["PubSub:ReconnectBaseDelay"] = "00:00:00";
        configure?.Invoke(settings);
        return WorkerHarness.Create(settings, now, _logs);
    }

    /// <summary>The base64 lines of a PEM: any one of them in an error or a log would leak the key.</summary>
    private static List<string> KeyMaterial(string pem) =>
        [.. pem.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(line => !line.StartsWith("-----", StringComparison.Ordinal))];

    private static void AssertHoldsNoSecret(string text, IEnumerable<string> secrets)
    {
        Assert.DoesNotContain(AssertionHeader, text, StringComparison.Ordinal);
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task JwtBearer_HistoryPollAndChangeStream_WorkWithTheSignedAssertion_AndNoTokenOrKeyIsLogged()
    {
        var privateKey = _key.ExportPkcs8PrivateKeyPem();
        using var worker = CreateWorker(privateKey);
        var changes = new PublishedChanges(_org, _database);
        await changes.StoreCurrentTipAsCheckpointAsync();

        await worker.Get<HistorySync>().RunOnceAsync(CancellationToken.None);
        await using (var run = new IngestorRun(worker, PublishedChanges.Topic))
        {
            changes.Publish(3);
            await changes.WaitUntilStoredAsync(run);
        }

        Assert.Equal(_org.Scenario.OpportunityFieldHistory.Count + _org.Scenario.LeadHistory.Count, await _database.CountAsync("field_change", "source <> 'cdc'"));
        await changes.AssertEachStoredOnceAsync();
        var token = await worker.Get<ISalesforceTokenProvider>().GetTokenAsync(CancellationToken.None);
        // The poll and the stream shared one token, minted once through the JWT grant; the capture saw it happen.
        Assert.Equal(1, _logs.Count<SalesforceTokenProvider>(1000));
        AssertHoldsNoSecret(_logs.AllText, [token.AccessToken, .. KeyMaterial(privateKey)]);
    }

    public enum AssertionFault
    {
        SignedWithAnotherKey,
        SubjectIsNoUserOfTheOrg,
        IssuerIsAnotherConsumerKey,
        ExpiredBecauseTheWorkerClockIsSlow,
    }

    [Theory]
    [InlineData(AssertionFault.SignedWithAnotherKey, "invalid assertion")]
    [InlineData(AssertionFault.SubjectIsNoUserOfTheOrg, "user hasn't approved this consumer")]
    [InlineData(AssertionFault.IssuerIsAnotherConsumerKey, "invalid client credentials")]
    [InlineData(AssertionFault.ExpiredBecauseTheWorkerClockIsSlow, "expired authorization code")]
    public async Task JwtBearer_AssertionTheOrgRefuses_FailsPollAndStreamWithTheOAuthError_AndNoKeyMaterial(AssertionFault fault, string description)
    {
        using var otherKey = RSA.Create(2048);
        var privateKey = (fault == AssertionFault.SignedWithAnotherKey ? otherKey : _key).ExportPkcs8PrivateKeyPem();
        using var worker = CreateWorker(
            privateKey,
            s =>
            {
                if (fault == AssertionFault.SubjectIsNoUserOfTheOrg)
                {
                    s["Salesforce:Username"] = "nobody@example.invalid";
                }
                else if (fault == AssertionFault.IssuerIsAnotherConsumerKey)
                {
                    s["Salesforce:ClientId"] = "3MVG9-not-this-org";
                }
            },
            // The assertion expires three minutes after the worker's now, which is then seven minutes in the org's past.
            fault == AssertionFault.ExpiredBecauseTheWorkerClockIsSlow ? TimeProvider.System.GetUtcNow() - TimeSpan.FromMinutes(10) : null);

        var poll = await Assert.ThrowsAsync<SalesforceAuthException>(() => worker.Get<HistorySync>().RunOnceAsync(CancellationToken.None));
        var stream = await Assert.ThrowsAsync<SalesforceAuthException>(
            () => worker.Get<ChangeStreamIngestor>().RunAsync(PublishedChanges.Topic, CancellationToken.None));

        foreach (var error in new[] { poll, stream })
        {
            Assert.False(error.IsTransient);
            Assert.Contains("(jwt-bearer)", error.Message, StringComparison.Ordinal);
            Assert.Contains($"400: invalid_grant ({description})", error.Message, StringComparison.Ordinal);
            AssertHoldsNoSecret(error.ToString(), KeyMaterial(privateKey));
        }

        Assert.Equal(0, await _database.CountAsync("field_change"));
        Assert.Contains(_logs.LinesOf<SalesforceTokenProvider>(1001), line => line.Contains(description, StringComparison.Ordinal));
        AssertHoldsNoSecret(_logs.AllText, KeyMaterial(privateKey));
    }
}
