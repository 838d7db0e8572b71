using CrmSignalWorker.Cli;
using CrmSignalWorker.Health;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CrmSignalWorker.UnitTests.Health;

/// <summary>The settings only `run` reads (its HTTP listener, probes and gauges) are validated at start-up too.</summary>
public sealed class RunConfigurationTests
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
        ["Logging:LogLevel:Default"] = "None",
    };

    private static IServiceProvider Build(Dictionary<string, string?> settings)
    {
        var builder = WorkerCli.CreateRunBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        return WorkerCli.BuildRunHost(builder).Services;
    }

    [Fact]
    public void Defaults_PassAndAreTheDocumentedOnes()
    {
        var services = Build(ValidSettings());
        services.GetRequiredService<IStartupValidator>().Validate();

        var health = services.GetRequiredService<IOptions<HealthOptions>>().Value;
        Assert.Equal(TimeSpan.FromMinutes(15), health.MaxStreamLag);
        Assert.Equal(TimeSpan.FromMinutes(1), health.AuthCheckInterval);
        Assert.Equal(8080, services.GetRequiredService<IOptions<Http.HttpOptions>>().Value.Port);
    }

    [Theory]
    [InlineData("Http:Port", "70000", "Http:Port must be between 0 and 65535")]
    [InlineData("Health:MaxStreamLag", "00:00:30", "Health:MaxStreamLag must be between 1 minute and 7 days")]
    [InlineData("Health:AuthCheckInterval", "00:00:01", "Health:AuthCheckInterval must be between 5 seconds and 1 hour")]
    [InlineData("Health:CheckTimeout", "00:05:00", "Health:CheckTimeout must be between 1 second and 1 minute")]
    [InlineData("Metrics:GaugeRefreshInterval", "00:00:00", "Metrics:GaugeRefreshInterval must be between 1 second and 10 minutes")]
    public void BadSetting_FailsNamingIt(string key, string value, string expected)
    {
        var settings = ValidSettings();
        settings[key] = value;

        // Kestrel and the health-check service read their settings while the host is built, before start-up
        // validation runs; either way the error names the setting and `crmsignal run` exits with it.
        var error = Assert.Throws<OptionsValidationException>(() => Build(settings).GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(error.Failures, f => f.Contains(expected, StringComparison.Ordinal));
    }
}
