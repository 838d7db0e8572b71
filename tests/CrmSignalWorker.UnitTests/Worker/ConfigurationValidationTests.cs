using CrmSignalWorker.Cli;
using CrmSignalWorker.Extensions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmSignalWorker.UnitTests.Worker;

/// <summary>The worker refuses to start on bad configuration, naming the setting to fix.</summary>
public sealed class ConfigurationValidationTests
{
    private static Dictionary<string, string?> ValidSettings() => new()
    {
        ["Postgres:ConnectionString"] = "Host=127.0.0.1;Database=crmsignal",
        ["Redis:Configuration"] = "127.0.0.1:6379",
        ["Salesforce:LoginUrl"] = "https://example.my.salesforce.com",
        ["Salesforce:ClientId"] = "client",
        ["Salesforce:ClientSecret"] = "secret",
        ["Smtp:Host"] = "smtp.example.test",
        ["Smtp:From"] = "crmsignal@example.test",
    };

    private static void Validate(Dictionary<string, string?> settings)
    {
        var builder = WorkerCli.CreateBuilder(LogLevel.None);
        builder.Configuration.AddInMemoryCollection(settings);
        using var host = builder.Build();
        host.Services.GetRequiredService<IStartupValidator>().Validate();
    }

    [Fact]
    public void Validate_CompleteConfiguration_Passes() => Validate(ValidSettings());

    [Theory]
    [InlineData("Postgres:ConnectionString", null, "Postgres:ConnectionString is required")]
    [InlineData("Salesforce:ClientId", null, "Salesforce:ClientId is required")]
    [InlineData("Salesforce:ApiVersion", "62", "Salesforce:ApiVersion must look like v62.0")]
    [InlineData("Salesforce:BatchSize", "50", "Salesforce:BatchSize must be between 200 and 2000")]
    [InlineData("Salesforce:CircuitFailureRatio", "0", "Salesforce:CircuitFailureRatio must be between 0.01 and 1")]
    [InlineData("Salesforce:CircuitSamplingDuration", "00:00:00.100", "Salesforce:CircuitSamplingDuration must be between 1 second and 1 day")]
    [InlineData("Salesforce:CircuitMinimumThroughput", "1", "Salesforce:CircuitMinimumThroughput must be between 2 and 1000")]
    [InlineData("Salesforce:CircuitBreakDuration", "2.00:00:00", "Salesforce:CircuitBreakDuration must be between 1 second and 1 day")]
    [InlineData("Salesforce:ApiBudgetShare", "80", "Salesforce:ApiBudgetShare must be a share between 0.05 and 1")]
    [InlineData("Salesforce:LimitsCheckInterval", "00:00:10", "Salesforce:LimitsCheckInterval must be between 1 minute and 1 day")]
    [InlineData("Redis:Configuration", null, "Redis:Configuration is required")]
    [InlineData("Digest:TimeZone", "Mars/Olympus_Mons", "Digest:TimeZone 'Mars/Olympus_Mons' is not a known time zone id")]
    [InlineData("Digest:EmailTo:0", "not-an-address", "Digest:EmailTo holds 'not-an-address'")]
    [InlineData("Signals:StageJumpThreshold", "5", "Signals:StageJumpThreshold must be a share between 0 and 1")]
    [InlineData("History:PollInterval", "00:00:01", "History:PollInterval must be between 5 seconds and 1 day")]
    [InlineData("Retention:Months", "2", "Retention:Months must be between 3 and 240")]
    [InlineData("Retention:Months", "241", "Retention:Months must be between 3 and 240")]
    [InlineData("Retention:Interval", "00:00:30", "Retention:Interval must be between 1 minute and 1 day")]
    public void Validate_BadSetting_FailsNamingIt(string key, string? value, string expected)
    {
        var settings = ValidSettings();
        settings[key] = value;

        var error = Assert.Throws<OptionsValidationException>(() => Validate(settings));

        Assert.Contains(error.Failures, f => f.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void HistoryObjects_WhenNotConfigured_AreTheDefaultsOnce()
    {
        var builder = WorkerCli.CreateBuilder(LogLevel.None);
        builder.Configuration.AddInMemoryCollection(ValidSettings());
        using var host = builder.Build();

        var options = host.Services.GetRequiredService<IOptions<Sources.HistoryOptions>>().Value;

        Assert.Equal(Sources.HistoryOptions.DefaultObjects, options.Objects);
        Assert.Equal(Sources.HistoryOptions.DefaultRecordObjects, options.RecordObjects);
    }

    [Fact]
    public void HistoryObjects_WhenConfigured_ReplaceTheDefaults()
    {
        var settings = ValidSettings();
        settings["History:Objects:0"] = "LeadHistory";
        var builder = WorkerCli.CreateBuilder(LogLevel.None);
        builder.Configuration.AddInMemoryCollection(settings);
        using var host = builder.Build();

        Assert.Equal(["LeadHistory"], host.Services.GetRequiredService<IOptions<Sources.HistoryOptions>>().Value.Objects);
    }

    [Fact]
    public void RunHost_WithValidConfiguration_BuildsEveryHostedServiceAndJob()
    {
        var builder = WorkerCli.CreateBuilder(LogLevel.None);
        builder.Configuration.AddInMemoryCollection(ValidSettings());
        builder.AddCrmSignalWorkerLoops();
        using var host = builder.Build();

        var hosted = host.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().Select(s => s.GetType().Name).ToList();

        // Hosted services start in order: the schema must be in place before the first job runs.
        var jobs = hosted.Select((name, index) => (name, index)).Where(s => s.name.StartsWith("PeriodicJobService", StringComparison.Ordinal)).ToList();
        Assert.Equal(11, jobs.Count);
        Assert.Contains("ChangeStreamService", hosted);
        Assert.True(hosted.IndexOf("MigrationHostedService") is var migrations && migrations >= 0 && migrations < jobs.Min(j => j.index));
    }

    [Fact]
    public void SalesforcePipelines_OnePerEndpointKind_AreRegistered()
    {
        var builder = WorkerCli.CreateBuilder(LogLevel.None);
        builder.Configuration.AddInMemoryCollection(ValidSettings());
        using var host = builder.Build();
        var pipelines = host.Services.GetRequiredService<Polly.Registry.ResiliencePipelineProvider<string>>();

        foreach (var name in new[] { "salesforce-token", "salesforce-query", "salesforce-pubsub-unary" })
        {
            Assert.True(pipelines.TryGetPipeline(name, out _), name);
        }
    }
}
