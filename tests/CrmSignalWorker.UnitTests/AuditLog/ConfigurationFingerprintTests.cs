using CrmSignalWorker.Core.AuditLog;

namespace CrmSignalWorker.UnitTests.AuditLog;

public sealed class ConfigurationFingerprintTests
{
    private static Dictionary<string, string?> Settings() => new()
    {
        ["Signals:StageJumpThreshold"] = "0.2",
        ["Digest:TimeZone"] = "Europe/Berlin",
        ["Salesforce:ClientSecret"] = "hunter2",
        ["Smtp:Password"] = "mail-pass",
        ["Redis:Configuration"] = "redis:6379,password=r3d1s",
    };

    [Theory]
    [InlineData("Salesforce:ClientSecret", true)]
    [InlineData("Salesforce:PrivateKeyPem", true)]
    [InlineData("Smtp:Password", true)]
    [InlineData("Slack:BotToken", true)]
    [InlineData("Slack:WebhookUrl", true)]
    [InlineData("Postgres:ConnectionString", true)]
    [InlineData("Redis:Configuration", true)]
    [InlineData("Api:Tokens:0:Secret", true)]
    [InlineData("Signals:StageJumpThreshold", false)]
    [InlineData("Salesforce:ClientId", false)]
    [InlineData("Digest:EmailTo:0", false)]
    public void IsSecret_NamesThatCarryCredentials(string key, bool secret) => Assert.Equal(secret, ConfigurationFingerprint.IsSecret(key));

    [Fact]
    public void AuditDetail_HoldsNoSecretNorADigestOfOne()
    {
        var fingerprint = ConfigurationFingerprint.Of(Settings());

        var detail = fingerprint.ToAuditDetail(fingerprint.ChangedSince(null));

        Assert.DoesNotContain("hunter2", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("r3d1s", detail, StringComparison.Ordinal);
        Assert.Equal("set", fingerprint.Settings["Salesforce:ClientSecret"]);
        Assert.Equal("set", fingerprint.Settings["Redis:Configuration"]);
        Assert.NotEqual("0.2", fingerprint.Settings["Signals:StageJumpThreshold"]);
    }

    [Fact]
    public void ChangedSince_NamesChangedAddedAndRemovedSettings_InOrder()
    {
        var before = ConfigurationFingerprint.Of(Settings());
        var settings = Settings();
        settings["Signals:StageJumpThreshold"] = "0.3";
        settings.Remove("Digest:TimeZone");
        settings["Watch:QuietPeriod"] = "01:00:00";
        settings["Smtp:Password"] = "rotated";

        var changed = ConfigurationFingerprint.Of(settings).ChangedSince(before);

        // A rotated secret is not a change the log can see: only whether it is set.
        Assert.Equal(["Digest:TimeZone", "Signals:StageJumpThreshold", "Watch:QuietPeriod"], changed);
    }

    [Fact]
    public void FromAuditDetail_ReadsBackWhatAnEarlierStartStored()
    {
        var fingerprint = ConfigurationFingerprint.Of(Settings());

        var read = ConfigurationFingerprint.FromAuditDetail(fingerprint.ToAuditDetail(["Digest:TimeZone"]));

        Assert.NotNull(read);
        Assert.Empty(fingerprint.ChangedSince(read));
        Assert.Null(ConfigurationFingerprint.FromAuditDetail("not json"));
    }
}
