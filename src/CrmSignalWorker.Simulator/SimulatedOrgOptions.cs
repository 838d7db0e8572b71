namespace CrmSignalWorker.Simulator;

/// <summary>How the simulated org is generated and how its HTTP surface behaves.</summary>
public sealed class SimulatedOrgOptions
{
    /// <summary>Seed for <see cref="System.Random"/>; the same seed and dates give byte-identical responses.</summary>
    public int Seed { get; set; } = 42;

    /// <summary>Scenario length in days, ending the day before <see cref="EndDate"/>.</summary>
    public int Days { get; set; } = 30;

    /// <summary>Exclusive end of the scenario; defaults to today (UTC) as seen by the org's <see cref="TimeProvider"/>.</summary>
    public DateOnly? EndDate { get; set; }

    public int Opportunities { get; set; } = 300;

    public int Leads { get; set; } = 200;

    /// <summary>
    /// Accounts in the scenario; contacts (1–4 per account), cases (about two per account) and <c>Deal_Registration__c</c>
    /// records (about two per three accounts) scale with it. 0 leaves the customer side out.
    /// </summary>
    public int Accounts { get; set; } = 60;

    public string ClientId { get; set; } = "sim-client-id";

    public string ClientSecret { get; set; } = "sim-client-secret";

    /// <summary>Loopback port; 0 picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>The version the org advertises; requests may use any <c>vNN.N</c> up to it.</summary>
    public string ApiVersion { get; set; } = "v62.0";

    /// <summary>Absolute lifetime of an access token from the moment it is issued.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(2);

    /// <summary>
    /// The public key (PEM) of the certificate uploaded to the connected app. When set, the token endpoint
    /// also takes the JWT bearer grant, verifying RS256 assertions with it; when null, that grant is refused.
    /// </summary>
    public string? JwtPublicKeyPem { get; set; }

    /// <summary>Rows per query page unless the client sends <c>Sforce-Query-Options: batchSize=N</c> (200..2000).</summary>
    public int DefaultBatchSize { get; set; } = 2000;

    /// <summary>The daily API allocation (<c>DailyApiRequests.Max</c>); once used up, REST calls get 403 REQUEST_LIMIT_EXCEEDED.</summary>
    public int DailyApiLimit { get; set; } = 100_000;

    /// <summary>API calls already used when the org starts, so a test or the demo can begin close to the allocation.</summary>
    public int DailyApiRequestsUsed { get; set; }

    /// <summary>A query locator dies after this much inactivity (Salesforce: 15 minutes).</summary>
    public TimeSpan QueryLocatorLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Loopback port of the Pub/Sub API (gRPC over HTTP/2 cleartext); 0 picks a free one.</summary>
    public int PubSubPort { get; set; }

    /// <summary>Change events older than this (commit time against the org clock) are no longer served (Salesforce: 72 hours).</summary>
    public TimeSpan EventRetention { get; set; } = TimeSpan.FromHours(72);

    /// <summary>While a subscriber has credit and the bus is idle, an empty FetchResponse goes out this often (Salesforce: within 270 s).</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(270);

    /// <summary>A Subscribe stream with no credit and no new FetchRequest for this long is closed (Salesforce: 60 s).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(60);

    internal void Validate()
    {
        Require(Days is >= 3 and <= 730, nameof(Days), "must be between 3 and 730");
        Require(Opportunities is >= 1 and <= 200_000, nameof(Opportunities), "must be between 1 and 200000");
        Require(Leads is >= 0 and <= 200_000, nameof(Leads), "must be between 0 and 200000");
        Require(Accounts is >= 0 and <= 50_000, nameof(Accounts), "must be between 0 and 50000");
        Require(!string.IsNullOrEmpty(ClientId), nameof(ClientId), "is required");
        Require(!string.IsNullOrEmpty(ClientSecret), nameof(ClientSecret), "is required");
        Require(Port is >= 0 and <= 65535, nameof(Port), "must be between 0 and 65535");
        Require(Http.ApiVersion.TryParse(ApiVersion, out _), nameof(ApiVersion), "must look like v62.0");
        Require(TokenLifetime > TimeSpan.Zero, nameof(TokenLifetime), "must be positive");
        Require(DefaultBatchSize is >= 200 and <= 2000, nameof(DefaultBatchSize), "must be between 200 and 2000");
        Require(DailyApiLimit >= 1, nameof(DailyApiLimit), "must be positive");
        Require(DailyApiRequestsUsed >= 0 && DailyApiRequestsUsed <= DailyApiLimit, nameof(DailyApiRequestsUsed), "must be between 0 and DailyApiLimit");
        Require(QueryLocatorLifetime > TimeSpan.Zero, nameof(QueryLocatorLifetime), "must be positive");
        Require(PubSubPort is >= 0 and <= 65535, nameof(PubSubPort), "must be between 0 and 65535");
        Require(PubSubPort == 0 || PubSubPort != Port, nameof(PubSubPort), "must differ from Port");
        Require(EventRetention > TimeSpan.Zero, nameof(EventRetention), "must be positive");
        Require(KeepAliveInterval > TimeSpan.Zero && KeepAliveInterval <= TimeSpan.FromDays(1), nameof(KeepAliveInterval), "must be positive and at most a day");
        Require(IdleTimeout > TimeSpan.Zero && IdleTimeout <= TimeSpan.FromDays(1), nameof(IdleTimeout), "must be positive and at most a day");
    }

    private static void Require(bool condition, string name, string rule)
    {
        if (!condition)
        {
            throw new ArgumentException($"SimulatedOrgOptions.{name} {rule}.", name);
        }
    }
}
