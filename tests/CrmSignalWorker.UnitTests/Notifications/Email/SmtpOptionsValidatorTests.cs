using CrmSignalWorker.Notifications.Email;
using Microsoft.Extensions.Options;

namespace CrmSignalWorker.UnitTests.Notifications.Email;

public sealed class SmtpOptionsValidatorTests
{
    [Fact]
    public void Validate_HostAndFromSet_SucceedsWithDocumentedDefaults()
    {
        var options = ValidOptions();

        var result = CreateSut().Validate(Options.DefaultName, options);

        Assert.True(result.Succeeded, result.FailureMessage);
        Assert.Equal(25, options.Port);
        Assert.Equal(SmtpSecurity.StartTlsWhenAvailable, options.Security);
        Assert.Equal(TimeSpan.FromSeconds(30), options.Timeout);
    }

    [Fact]
    public void Validate_NoHostAndNoFrom_SucceedsAsEmailNotUsed()
    {
        var options = ValidOptions();
        options.Host = "";
        options.From = "";

        var result = CreateSut().Validate(Options.DefaultName, options);

        Assert.True(result.Succeeded, result.FailureMessage);
        Assert.False(options.IsConfigured);
    }

    [Fact]
    public void Validate_MissingFrom_FailsNamingSmtpFrom()
    {
        var options = ValidOptions();
        options.From = "";

        var result = CreateSut().Validate(Options.DefaultName, options);

        Assert.True(result.Failed);
        Assert.Contains("Smtp:From is required when Smtp:Host is set", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not an address")]
    [InlineData("signals@")]
    [InlineData("a@b, c@d")]
    public void Validate_FromNotAMailbox_FailsNamingSmtpFrom(string from)
    {
        var options = ValidOptions();
        options.From = from;

        var result = CreateSut().Validate(Options.DefaultName, options);

        Assert.True(result.Failed);
        Assert.Contains("Smtp:From must be an email address", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_FromWithDisplayName_Succeeds()
    {
        var options = ValidOptions();
        options.From = "CRM Signals <signals@example.com>";

        Assert.True(CreateSut().Validate(Options.DefaultName, options).Succeeded);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65536)]
    public void Validate_PortOutOfRange_FailsNamingSmtpPort(int port)
    {
        var options = ValidOptions();
        options.Port = port;

        var result = CreateSut().Validate(Options.DefaultName, options);

        Assert.Contains("Smtp:Port", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ZeroTimeout_FailsNamingSmtpTimeout()
    {
        var options = ValidOptions();
        options.Timeout = TimeSpan.Zero;

        var result = CreateSut().Validate(Options.DefaultName, options);

        Assert.Contains("Smtp:Timeout", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UndefinedSecurityValue_FailsNamingSmtpSecurity()
    {
        var options = ValidOptions();
        options.Security = (SmtpSecurity)42;

        var result = CreateSut().Validate(Options.DefaultName, options);

        Assert.Contains("Smtp:Security", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UserNameWithoutPassword_FailsNamingSmtpPassword()
    {
        var options = ValidOptions();
        options.UserName = "relay-user";

        var result = CreateSut().Validate(Options.DefaultName, options);

        Assert.True(result.Failed);
        Assert.Contains("Smtp:Password is required when Smtp:UserName is set", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_InvalidOptionsWithPassword_NeverEchoesThePassword()
    {
        var options = new SmtpOptions { UserName = "relay-user", Password = "hunter2-secret", Port = 0, From = "nope" };

        var result = CreateSut().Validate(Options.DefaultName, options);

        Assert.True(result.Failed);
        Assert.DoesNotContain("hunter2-secret", result.FailureMessage, StringComparison.Ordinal);
    }

    private static SmtpOptions ValidOptions() => new() { Host = "smtp.example.com", From = "signals@example.com" };

    private static SmtpOptionsValidator CreateSut() => new();
}
