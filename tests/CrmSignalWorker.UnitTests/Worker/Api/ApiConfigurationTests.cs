using CrmSignalWorker.Cli;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CrmSignalWorker.UnitTests.Worker.Api;

/// <summary>`crmsignal run` refuses bad API tokens at start-up, naming the setting and never quoting a secret.</summary>
public sealed class ApiConfigurationTests
{
    private const string Secret = "a-secret-that-is-long-enough-0123456789";

    private static Dictionary<string, string?> Settings() => new()
    {
        ["Postgres:ConnectionString"] = "Host=127.0.0.1;Database=crmsignal",
        ["Redis:Configuration"] = "127.0.0.1:6379",
        ["Salesforce:LoginUrl"] = "https://example.my.salesforce.com",
        ["Salesforce:ClientId"] = "client",
        ["Salesforce:ClientSecret"] = "secret",
        ["Smtp:Host"] = "smtp.example.test",
        ["Smtp:From"] = "crmsignal@example.test",
        ["Api:Tokens:0:Name"] = "emea",
        ["Api:Tokens:0:Secret"] = Secret,
        ["Api:Tokens:0:Roles:0"] = "reader",
        ["Api:Tokens:0:Markets:0"] = "EMEA",
    };

    private static void Validate(Dictionary<string, string?> settings)
    {
        var builder = WorkerCli.CreateRunBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        using var host = builder.Build();
        host.Services.GetRequiredService<IStartupValidator>().Validate();
    }

    [Fact]
    public void Validate_ValidToken_Passes() => Validate(Settings());

    [Theory]
    [InlineData("Api:Tokens:0:Name", null, "Api:Tokens:0:Name is required")]
    [InlineData("Api:Tokens:0:Secret", null, "Api:Tokens:0:Secret is required")]
    [InlineData("Api:Tokens:0:Secret", "too-short", "Api:Tokens:0:Secret must be at least 32 characters")]
    [InlineData("Api:Tokens:0:Roles:0", "admin", "Api:Tokens:0:Roles holds 'admin'")]
    [InlineData("Api:Tokens:0:Markets:0", null, "Api:Tokens:0:Markets must name at least one market")]
    [InlineData("Api:Tokens:0:Markets:1", "*", "Api:Tokens:0:Markets mixes '*' with named markets")]
    [InlineData("Api:TraceLimit", "5", "Api:TraceLimit must be between 100 and 100000")]
    public void Validate_BadSetting_FailsNamingIt(string key, string? value, string expected)
    {
        var settings = Settings();
        if (value is null)
        {
            settings.Remove(key);
        }
        else
        {
            settings[key] = value;
        }

        var error = Assert.Throws<OptionsValidationException>(() => Validate(settings));

        Assert.Contains(error.Failures, f => f.Contains(expected, StringComparison.Ordinal));
        Assert.DoesNotContain(Secret, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("too-short", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TwoTokensOneSecret_FailsNamingBoth()
    {
        var settings = Settings();
        settings["Api:Tokens:1:Name"] = "apac";
        settings["Api:Tokens:1:Secret"] = Secret;
        settings["Api:Tokens:1:Roles:0"] = "reader";
        settings["Api:Tokens:1:Markets:0"] = "APAC";

        var error = Assert.Throws<OptionsValidationException>(() => Validate(settings));

        Assert.Contains("Api:Tokens:0,1:Secret are the same secret; each token needs its own.", error.Failures);
        Assert.DoesNotContain(Secret, error.Message, StringComparison.Ordinal);
    }
}
