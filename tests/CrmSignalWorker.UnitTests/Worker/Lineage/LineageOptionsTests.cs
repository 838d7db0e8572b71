using CrmSignalWorker.Cli;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmSignalWorker.UnitTests.Worker.Lineage;

/// <summary>Lineage:* settings are checked at start-up like every other section, and errors name the setting.</summary>
public sealed class LineageOptionsTests
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
    public void Validate_Defaults_Pass() => Validate(ValidSettings());

    [Theory]
    [InlineData("Lineage:Window", "12:00:00", "Lineage:Window must be between 1 day and 730 days")]
    [InlineData("Lineage:CoverageTarget", "80", "Lineage:CoverageTarget must be a share between 0.01 and 1")]
    [InlineData("Lineage:CoverageTarget", "0", "Lineage:CoverageTarget must be a share between 0.01 and 1")]
    [InlineData("Lineage:CoverageRefreshInterval", "00:00:05", "Lineage:CoverageRefreshInterval must be between 1 minute and 1 day")]
    public void Validate_BadSetting_FailsNamingIt(string key, string value, string expected)
    {
        var settings = ValidSettings();
        settings[key] = value;

        var error = Assert.Throws<OptionsValidationException>(() => Validate(settings));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
