using CrmSignalWorker.Cli;
using CrmSignalWorker.Core.Audit;
using CrmSignalWorker.Sources;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmSignalWorker.UnitTests.Worker;

/// <summary>The SetupAudit settings as an operator writes them: defaults, refused values, and rules they add.</summary>
public sealed class SetupAuditOptionsTests
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

    private static IHost CreateSut(Dictionary<string, string?> settings)
    {
        var builder = WorkerCli.CreateBuilder(LogLevel.None);
        builder.Configuration.AddInMemoryCollection(settings);
        return builder.Build();
    }

    [Fact]
    public void Options_NotConfigured_ReadTheAuditTrailEveryFifteenMinutes()
    {
        using var host = CreateSut(ValidSettings());

        var options = host.Services.GetRequiredService<IOptions<SetupAuditOptions>>().Value;

        Assert.True(options.Enabled);
        Assert.Equal(TimeSpan.FromMinutes(15), options.PollInterval);
        Assert.Equal(TimeSpan.FromMinutes(5), options.Overlap);
        Assert.Equal(TimeSpan.FromMinutes(15), host.Services.GetRequiredService<SetupAuditTrailSync>().Interval);
    }

    [Theory]
    [InlineData("SetupAudit:ActionKinds:changedFlowStatus", "flow_published", "SetupAudit:ActionKinds:changedFlowStatus is 'flow_published', which is not one of other, flow_activated")]
    [InlineData("SetupAudit:SectionKinds:Approval Process", "approvals", "SetupAudit:SectionKinds:Approval Process is 'approvals'")]
    [InlineData("SetupAudit:PollInterval", "00:00:01", "SetupAudit:PollInterval must be between 5 seconds and 1 day")]
    [InlineData("SetupAudit:Overlap", "2.00:00:00", "SetupAudit:Overlap must be between 0 and 1 day")]
    [InlineData("SetupAudit:InitialBackfill", "365.00:00:00", "SetupAudit:InitialBackfill must be between 0 and 180 days")]
    public void Validate_BadSetting_FailsNamingIt(string key, string value, string expected)
    {
        var settings = ValidSettings();
        settings[key] = value;
        using var host = CreateSut(settings);

        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(error.Failures, f => f.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void ToRules_ConfiguredActionKind_SettlesThatAction()
    {
        var settings = ValidSettings();
        settings["SetupAudit:ActionKinds:changedFlowStatus"] = "flow_activated";
        using var host = CreateSut(settings);

        var rules = host.Services.GetRequiredService<IOptions<SetupAuditOptions>>().Value.ToRules();

        Assert.Equal(ConfigurationChangeKind.FlowActivated, rules.KindOf("changedFlowStatus", "Flows"));
        Assert.Equal(ConfigurationChangeKind.FlowDeactivated, rules.KindOf("deactivatedinteractiondefversion", "Flows"));
    }
}
