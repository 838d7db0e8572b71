using CrmSignalWorker.Salesforce.PubSub;
using Microsoft.Extensions.Options;

namespace CrmSignalWorker.UnitTests.Salesforce.PubSub;

public sealed class PubSubOptionsValidatorTests
{
    private static PubSubOptionsValidator CreateSut() => new();

    [Fact]
    public void Validate_Defaults_SucceedWithCdcDisabled()
    {
        var options = new PubSubOptions();
        options.ApplyDefaults();

        var result = CreateSut().Validate(Options.DefaultName, options);

        Assert.True(result.Succeeded, result.FailureMessage);
        Assert.False(options.Enabled);
        Assert.Equal(["/data/OpportunityChangeEvent", "/data/LeadChangeEvent"], options.Topics);
        Assert.Equal(100, options.BatchSize);
        Assert.Equal(TimeSpan.FromSeconds(540), options.SilenceTimeout);
        Assert.True(options.MaxReceiveMessageSize >= 16 * 1024 * 1024);
    }

    [Fact]
    public void Validate_SalesforceEndpoint_Succeeds()
    {
        var options = new PubSubOptions { Endpoint = new Uri("https://api.pubsub.salesforce.com:7443") };
        options.ApplyDefaults();

        Assert.True(CreateSut().Validate(Options.DefaultName, options).Succeeded);
        Assert.True(options.Enabled);
    }

    public static TheoryData<Action<PubSubOptions>, string> InvalidSettings => new()
    {
        { o => o.Endpoint = new Uri("/relative", UriKind.Relative), "PubSub:Endpoint" },
        { o => o.Endpoint = new Uri("ftp://api.pubsub.salesforce.com"), "PubSub:Endpoint" },
        { o => o.BatchSize = 0, "PubSub:BatchSize" },
        { o => o.BatchSize = 101, "PubSub:BatchSize" },
        { o => o.KeepAliveInterval = TimeSpan.Zero, "PubSub:KeepAliveInterval" },
        { o => o.SilenceTolerance = 0.5, "PubSub:SilenceTolerance" },
        { o => o.CallDeadline = TimeSpan.FromHours(1), "PubSub:CallDeadline" },
        { o => o.MaxReceiveMessageSize = 4 * 1024 * 1024, "PubSub:MaxReceiveMessageSize" },
        { o => o.ReconnectBaseDelay = TimeSpan.FromMinutes(5), "PubSub:ReconnectBaseDelay" },
        { o => o.MaxReconnectAttempts = 0, "PubSub:MaxReconnectAttempts" },
    };

    [Theory]
    [MemberData(nameof(InvalidSettings))]
    public void Validate_OutOfRangeSetting_FailsNamingTheConfigurationKey(Action<PubSubOptions> configure, string key)
    {
        var options = new PubSubOptions();
        options.ApplyDefaults();
        configure(options);

        var result = CreateSut().Validate(Options.DefaultName, options);

        Assert.True(result.Failed);
        Assert.Contains(key, result.FailureMessage, StringComparison.Ordinal);
    }
}
