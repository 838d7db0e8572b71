using CrmSignalWorker.IntegrationTests.Notifications;
using CrmSignalWorker.Salesforce;
using CrmSignalWorker.Salesforce.Auth;
using CrmSignalWorker.Salesforce.PubSub;
using CrmSignalWorker.Simulator;
using Grpc.Net.Client;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CrmSignalWorker.IntegrationTests.SalesforcePubSub;

/// <summary>
/// The worker's Pub/Sub client stack against a simulated org over real gRPC: the production channel factory, the
/// client-credentials token from the org's REST token endpoint, the schema cache, the decoder and the subscriber.
/// </summary>
internal sealed class PubSubTestClient : IDisposable
{
    private readonly HttpClient _http = new();
    private readonly SalesforceTokenProvider _tokenProvider;
    private readonly GrpcChannel _channel;
    private readonly IOptions<PubSubOptions> _options;

    public PubSubTestClient(SimulatedOrg org, SimulatedOrgOptions orgOptions, Action<PubSubOptions>? configure = null)
    {
        var settings = new PubSubOptions
        {
            Endpoint = org.PubSubUrl,
            // Matches the org's keep-alive in these tests; a stream silent for 4 of them (1 s) is torn down.
            KeepAliveInterval = TimeSpan.FromMilliseconds(250),
            SilenceTolerance = 4,
            ReconnectBaseDelay = TimeSpan.FromMilliseconds(20),
            ReconnectMaxDelay = TimeSpan.FromMilliseconds(200),
            CallDeadline = TimeSpan.FromSeconds(10),
        };
        configure?.Invoke(settings);
        _options = Options.Create(settings);
        _tokenProvider = new SalesforceTokenProvider(
            _http,
            new ClientCredentialsGrant(orgOptions.ClientId, orgOptions.ClientSecret),
            Options.Create(new SalesforceOptions { LoginUrl = org.BaseUrl, ClientId = orgOptions.ClientId, ClientSecret = orgOptions.ClientSecret }),
            TimeProvider.System,
            NullLogger<SalesforceTokenProvider>.Instance);
        Tokens = new CountingTokenProvider(_tokenProvider);
        _channel = PubSubChannelFactory.Create(settings);
        Credentials = new PubSubCallCredentials(Tokens);
        Schemas = new SchemaCache(PubSubChannelFactory.CreateClient(_channel), Credentials, _options, TimeProvider.System, NullLogger<SchemaCache>.Instance);
    }

    public CountingTokenProvider Tokens { get; }

    public PubSubCallCredentials Credentials { get; }

    public SchemaCache Schemas { get; }

    public CapturingLogger<PubSubSubscriber> Log { get; } = new();

    public PubSubSubscriber CreateSubscriber() => new(
        PubSubChannelFactory.CreateClient(_channel), Credentials, Schemas, new ChangeEventDecoder(), _options, TimeProvider.System, Log);

    public SubscriptionProbe Subscribe(string topic, ReplayStart start) => new(CreateSubscriber(), topic, start);

    public void Dispose()
    {
        _channel.Dispose();
        _tokenProvider.Dispose();
        _http.Dispose();
    }
}
