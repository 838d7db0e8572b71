using System.Text.Json;
using CrmSignalWorker.Core.Lineage;
using CrmSignalWorker.Notifications.Email;
using CrmSignalWorker.Notifications.Slack;

namespace CrmSignalWorker.UnitTests.Notifications;

/// <summary>The digest's attribution coverage: one line per object against the target, in every rendering.</summary>
public sealed class DigestCoverageRenderingTests
{
    private static readonly AttributionCoverage Coverage = AttributionCoverage.Build(
    [
        new("Opportunity", "history", "StageName", 80, 50),
        new("Lead", "cdc", "Status", 20, 18),
        new("Lead", "history", "OwnerId", 10, 9),
    ]);

    private static readonly CrmSignalWorker.Core.Digests.Digest Digest = TestDigests.Create([TestDigests.Breach()]) with { Coverage = Coverage };

    [Fact]
    public void EmailText_HasALinePerObjectAgainstTheTarget()
    {
        var (_, _, text) = new EmailDigestRenderer().Render(Digest);

        Assert.Contains("ATTRIBUTION COVERAGE", text, StringComparison.Ordinal);
        Assert.Contains("target 80.0 %", text, StringComparison.Ordinal);
        Assert.Contains("- Lead: 90.0 % (27 of 30), meets the 80.0 % target\n", text, StringComparison.Ordinal);
        Assert.Contains("- Opportunity: 62.5 % (50 of 80), below the 80.0 % target\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void EmailHtml_HasALinePerObjectAgainstTheTarget()
    {
        var (_, html, _) = new EmailDigestRenderer().Render(Digest);

        Assert.Contains("Attribution coverage</h2>", html, StringComparison.Ordinal);
        Assert.Contains(">Lead: 90.0 % (27 of 30), meets the 80.0 % target</li>", html, StringComparison.Ordinal);
        Assert.Contains(">Opportunity: 62.5 % (50 of 80), below the 80.0 % target</li>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Email_NoStageOrOwnerChanges_SaysSo()
    {
        var (_, html, text) = new EmailDigestRenderer().Render(Digest with { Coverage = AttributionCoverage.Empty(0.8m) });

        Assert.Contains("No stage or owner changes in this period.", text, StringComparison.Ordinal);
        Assert.Contains("No stage or owner changes in this period.", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Email_WithoutCoverage_LeavesTheSectionOut()
    {
        var (_, html, text) = new EmailDigestRenderer().Render(Digest with { Coverage = null });

        Assert.DoesNotContain("ATTRIBUTION COVERAGE", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Attribution coverage", html, StringComparison.Ordinal);
    }

    [Fact]
    public void EmailHtml_EncodesObjectNames()
    {
        var digest = Digest with { Coverage = AttributionCoverage.Build([new("<b>Lead</b>", "cdc", "OwnerId", 1, 1)]) };

        var (_, html, _) = new EmailDigestRenderer().Render(digest);

        Assert.Contains("&lt;b&gt;Lead&lt;/b&gt;: 100.0 %", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Slack_SummaryCarriesTheCoverageLines()
    {
        var message = new SlackDigestRenderer().Render(Digest);

        using var json = JsonDocument.Parse(message.Body);
        var summary = json.RootElement.GetProperty("blocks").EnumerateArray().Last().GetProperty("text").GetProperty("text").GetString()!;
        Assert.Contains("Opportunity: 62.5 % (50 of 80), below the 80.0 % target", summary, StringComparison.Ordinal);
        Assert.Contains("Lead: 90.0 % (27 of 30), meets the 80.0 % target", summary, StringComparison.Ordinal);
    }
}
