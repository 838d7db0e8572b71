using CrmSignalWorker.Notifications.Slack;
using Microsoft.Extensions.Options;

namespace CrmSignalWorker.UnitTests.Notifications.Slack;

public sealed class SlackOptionsValidatorTests
{
    [Fact]
    public void Validate_NoWebhookUrl_SucceedsBecauseSlackIsOptional()
    {
        var options = new SlackOptions();

        var result = CreateSut().Validate(Options.DefaultName, options);

        Assert.True(result.Succeeded, result.FailureMessage);
        Assert.Equal(TimeSpan.FromSeconds(10), options.Timeout);
    }

    [Fact]
    public void Validate_HttpsWebhookUrl_Succeeds()
    {
        var options = new SlackOptions { WebhookUrl = "https://hooks.slack.com/services/T000/B000/XXXX" };

        Assert.True(CreateSut().Validate(Options.DefaultName, options).Succeeded);
    }

    [Theory]
    [InlineData("/services/T000/B000/XXXX")]
    [InlineData("ftp://hooks.slack.com/services/T000/B000/XXXX")]
    [InlineData("hooks.slack.com/services/T000/B000/XXXX")]
    public void Validate_WebhookUrlNotAbsoluteHttp_FailsNamingTheSettingButNotTheSecret(string webhookUrl)
    {
        var options = new SlackOptions { WebhookUrl = webhookUrl };

        var result = CreateSut().Validate(Options.DefaultName, options);

        Assert.True(result.Failed);
        Assert.Contains("Slack:WebhookUrl", result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("XXXX", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ZeroTimeout_FailsNamingSlackTimeout()
    {
        var options = new SlackOptions { Timeout = TimeSpan.Zero };

        var result = CreateSut().Validate(Options.DefaultName, options);

        Assert.True(result.Failed);
        Assert.Contains("Slack:Timeout", result.FailureMessage, StringComparison.Ordinal);
    }

    private static SlackOptionsValidator CreateSut() => new();
}
