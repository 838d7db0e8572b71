using System.Net;
using System.Text;
using CrmSignalWorker.Salesforce;
using CrmSignalWorker.Salesforce.Auth;
using CrmSignalWorker.Salesforce.Limits;
using CrmSignalWorker.Salesforce.Rest;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using Polly;
using Polly.Registry;

namespace CrmSignalWorker.UnitTests.Salesforce;

/// <summary>The client's session handling and what it tells the budget guard, with the token provider as an in-process seam.</summary>
public sealed class SalesforceRestClientTests : IDisposable
{
    private readonly ISalesforceTokenProvider _tokens = Substitute.For<ISalesforceTokenProvider>();
    private readonly Queue<HttpStatusCode> _statuses = new();
    private readonly TelemetryProbe _probe = new();
    private readonly ApiBudgetGuard _budget;
    private int _requests;

    public SalesforceRestClientTests() => _budget = new ApiBudgetGuard(
        _probe.Usage, Options.Create(new SalesforceOptions()), _probe.Telemetry, new FakeTimeProvider(), NullLogger<ApiBudgetGuard>.Instance);

    public void Dispose() => _probe.Dispose();

    private SalesforceRestClient CreateSut()
    {
        _tokens.GetTokenAsync(Arg.Any<CancellationToken>())
            .Returns(_ => new SalesforceToken("00Dtoken", new Uri("https://example.my.salesforce.com"), "00D000000000001", DateTimeOffset.UnixEpoch));
        var pipelines = Substitute.For<ResiliencePipelineProvider<string>>();
        pipelines.GetPipeline(SalesforceResilience.QueryPipeline).Returns(ResiliencePipeline.Empty);
        var http = new HttpClient(new ScriptedHandler(this));
        return new SalesforceRestClient(http, _tokens, pipelines, _budget, Options.Create(new SalesforceOptions()), NullLogger<SalesforceRestClient>.Instance);
    }

    private static async Task<int> CountRowsAsync(SalesforceRestClient client)
    {
        var rows = 0;
        await foreach (var page in client.QueryAsync("SELECT Id FROM User", includeDeleted: false, CancellationToken.None))
        {
            rows += page.Records.Count;
        }

        return rows;
    }

    [Fact]
    public async Task QueryAsync_WhenTheSessionExpiredOnce_ReauthenticatesAndSucceeds()
    {
        _statuses.Enqueue(HttpStatusCode.Unauthorized);
        _statuses.Enqueue(HttpStatusCode.OK);

        Assert.Equal(1, await CountRowsAsync(CreateSut()));

        _tokens.Received(1).Invalidate(Arg.Any<SalesforceToken>());
        Assert.Equal(2, _requests);
    }

    [Fact]
    public async Task QueryAsync_WhenTheNewSessionIsRejectedToo_FailsAfterOneReauthentication()
    {
        _statuses.Enqueue(HttpStatusCode.Unauthorized);
        _statuses.Enqueue(HttpStatusCode.Unauthorized);
        _statuses.Enqueue(HttpStatusCode.OK);

        var error = await Assert.ThrowsAsync<SalesforceApiException>(() => CountRowsAsync(CreateSut()));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Equal("INVALID_SESSION_ID", error.ErrorCode);
        Assert.DoesNotContain("00Dtoken", error.Message, StringComparison.Ordinal);
        _tokens.Received(1).Invalidate(Arg.Any<SalesforceToken>());
        Assert.Equal(2, _requests);
    }

    [Fact]
    public async Task QueryAsync_SendsTheBearerTokenTheBatchSizeAndTheClientName()
    {
        _statuses.Enqueue(HttpStatusCode.OK);
        HttpRequestMessage? seen = null;
        _onRequest = r => seen = r;

        await CountRowsAsync(CreateSut());

        Assert.Equal("Bearer 00Dtoken", seen!.Headers.Authorization!.ToString());
        Assert.Equal("batchSize=2000", string.Join(',', seen.Headers.GetValues("Sforce-Query-Options")));
        Assert.Equal("client=CrmSignalWorker", string.Join(',', seen.Headers.GetValues("Sforce-Call-Options")));
        Assert.StartsWith("https://example.my.salesforce.com/services/data/v62.0/query?q=SELECT%20Id%20FROM%20User", seen.RequestUri!.AbsoluteUri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueryAsync_EveryResponse_FeedsSforceLimitInfoToTheBudgetGuard()
    {
        _statuses.Enqueue(HttpStatusCode.OK);
        _limitInfo = "api-usage=85000/100000";

        await CountRowsAsync(CreateSut());

        Assert.Equal(85000, _budget.State.Used);
        Assert.Equal(BudgetPause.ShareExceeded, _budget.State.Pause);
    }

    [Fact]
    public async Task QueryAsync_RequestLimitExceeded_FailsOnceAndPausesAllPolling()
    {
        _statuses.Enqueue(HttpStatusCode.Forbidden);
        _statuses.Enqueue(HttpStatusCode.OK);

        var error = await Assert.ThrowsAsync<SalesforceApiException>(() => CountRowsAsync(CreateSut()));

        Assert.True(error.IsRequestLimitExceeded);
        Assert.Equal(1, _requests);
        Assert.False(_budget.Allows(ApiDemand.Essential));
        _tokens.DidNotReceive().Invalidate(Arg.Any<SalesforceToken>());
    }

    [Fact]
    public async Task GetAsync_Limits_ReadsTheVersionedResource()
    {
        _statuses.Enqueue(HttpStatusCode.OK);
        HttpRequestMessage? seen = null;
        _onRequest = r => seen = r;
        _body = """{"DailyApiRequests":{"Max":15000,"Remaining":14000}}""";

        var limits = await CreateSut().GetAsync("limits", ApiLimits.Parse, CancellationToken.None);

        Assert.Equal(new ApiLimits(15000, 14000), limits);
        Assert.Equal("https://example.my.salesforce.com/services/data/v62.0/limits", seen!.RequestUri!.AbsoluteUri);
    }

    private Action<HttpRequestMessage>? _onRequest;
    private string? _limitInfo;
    private string? _body;

    private sealed class ScriptedHandler(SalesforceRestClientTests test) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            test._requests++;
            test._onRequest?.Invoke(request);
            var status = test._statuses.Dequeue();
            var body = status switch
            {
                HttpStatusCode.OK => test._body ?? """{"totalSize":1,"done":true,"records":[{"Id":"005A"}]}""",
                HttpStatusCode.Forbidden => """[{"message":"TotalRequests Limit exceeded.","errorCode":"REQUEST_LIMIT_EXCEEDED"}]""",
                _ => """[{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}]""",
            };
            var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            if (test._limitInfo is not null)
            {
                response.Headers.TryAddWithoutValidation("Sforce-Limit-Info", test._limitInfo);
            }

            return Task.FromResult(response);
        }
    }
}
