using System.Text.Json;
using System.Text.RegularExpressions;
using CrmSignalWorker.Notifications.Slack;

namespace CrmSignalWorker.UnitTests.Notifications.Slack;

public sealed partial class SlackDigestRendererTests
{
    [Fact]
    public void Render_WithInstanceUrl_LinksEveryOffendingRecord()
    {
        var digest = TestDigests.Create([TestDigests.Breach("Enterprise", null, "006A000001", "006A000002")]);

        var blocks = Blocks(CreateSut().Render(digest));

        var section = SectionTexts(blocks).First();
        Assert.Contains("<https://acme.my.salesforce.com/006A000001|006A000001>", section, StringComparison.Ordinal);
        Assert.Contains("<https://acme.my.salesforce.com/006A000002|006A000002>", section, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_WithoutInstanceUrl_ListsRecordIdsAsPlainText()
    {
        var digest = TestDigests.Create([TestDigests.Breach("Enterprise", null, "006A000001")], instanceUrl: null);

        var section = SectionTexts(Blocks(CreateSut().Render(digest))).First();

        Assert.Contains("Records: 006A000001", section, StringComparison.Ordinal);
        Assert.DoesNotContain("<http", section, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_JavascriptInstanceUrl_DoesNotLink()
    {
        var digest = TestDigests.Create([TestDigests.Breach("Enterprise", null, "006A000001")], instanceUrl: "javascript:alert(1)");

        var section = SectionTexts(Blocks(CreateSut().Render(digest))).First();

        Assert.DoesNotContain("javascript", section, StringComparison.Ordinal);
        Assert.Contains("006A000001", section, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Breach_ShowsRateThresholdAndCounts()
    {
        var digest = TestDigests.Create([TestDigests.Breach()]);

        var section = SectionTexts(Blocks(CreateSut().Render(digest))).First();

        Assert.Contains("Same-day multi-stage jumps", section, StringComparison.Ordinal);
        Assert.Contains("2025-03-04", section, StringComparison.Ordinal);
        Assert.Contains("Rate *6.7 %* vs threshold 5.0 %", section, StringComparison.Ordinal);
        Assert.Contains("3 of 45 records", section, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_HostileSegmentName_EscapesMrkdwnControlCharacters()
    {
        var digest = TestDigests.Create([TestDigests.Breach("<script>&")]);

        var section = SectionTexts(Blocks(CreateSut().Render(digest))).First();

        Assert.Contains("&lt;script&gt;&amp;", section, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", section, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_AudienceWithChannelMention_CannotPingTheChannel()
    {
        var digest = TestDigests.Create([TestDigests.Breach()], audience: "<!channel> team");

        using var document = JsonDocument.Parse(CreateSut().Render(digest).Body);

        var fallback = document.RootElement.GetProperty("text").GetString()!;
        Assert.DoesNotContain("<!channel>", fallback, StringComparison.Ordinal);
        Assert.Contains("&lt;!channel&gt; team", fallback, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Digest_StartsWithHeaderAndContextAndEndsWithSummary()
    {
        var digest = TestDigests.Create([
            TestDigests.Breach("Enterprise"),
            TestDigests.WithinThreshold("SMB"),
            TestDigests.WithinThreshold("Mid-Market"),
        ]);

        var blocks = Blocks(CreateSut().Render(digest));

        Assert.Equal(["header", "context", "section", "section"], blocks.Select(b => b.GetProperty("type").GetString()));
        Assert.Equal("CRM signals for Sales EMEA: 1 breach", blocks[0].GetProperty("text").GetProperty("text").GetString());
        Assert.Equal("plain_text", blocks[0].GetProperty("text").GetProperty("type").GetString());
        Assert.Contains("2025-03-04 to 2025-03-10", blocks[1].GetProperty("elements")[0].GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal("2 other evaluations were within threshold.", SectionTexts(blocks).Last());
    }

    [Fact]
    public void Render_200Breaches_StaysWithinSlackLimitsAndSaysHowManyAreHidden()
    {
        var digest = TestDigests.Create(TestDigests.ManyBreaches(200));

        var blocks = Blocks(CreateSut().Render(digest));

        Assert.True(blocks.Count <= 50, $"{blocks.Count} blocks");
        Assert.All(SectionTexts(blocks), text => Assert.True(text.Length <= 3000, $"{text.Length} characters"));
        var breachSections = SectionTexts(blocks).Count(t => t.Contains("Rate *", StringComparison.Ordinal));
        Assert.Contains($"… and {200 - breachSections} more breaches not shown here.", SectionTexts(blocks).Last(), StringComparison.Ordinal);
        Assert.Equal(47, breachSections);
    }

    [Fact]
    public void Render_BreachWithThousandsOfRecords_CutsSectionAndCountsTheRest()
    {
        var ids = Enumerable.Range(0, 2000).Select(i => TestDigests.Id(i, 'X')).ToArray();
        var digest = TestDigests.Create([TestDigests.Breach("Enterprise", null, ids)]);

        var section = SectionTexts(Blocks(CreateSut().Render(digest))).First();

        Assert.True(section.Length <= 3000, $"{section.Length} characters");
        var linked = LinkPattern().Count(section);
        var more = MorePattern().Match(section);
        Assert.True(more.Success, "the section must say how many records it left out");
        Assert.Equal(2000, linked + int.Parse(more.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Render_VeryLongAudience_HeaderFitsAndKeepsBreachCount()
    {
        var digest = TestDigests.Create([TestDigests.Breach(), TestDigests.Breach("SMB")], audience: new string('A', 400));

        var header = Blocks(CreateSut().Render(digest))[0].GetProperty("text").GetProperty("text").GetString()!;

        Assert.True(header.Length <= 150, $"{header.Length} characters");
        Assert.EndsWith("…: 2 breaches", header, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_HostileAndUnicodeNames_MessageRoundTripsThroughSystemTextJson()
    {
        var message = CreateSut().Render(TestDigests.Create([TestDigests.Breach("<b>Ünïcode & co</b>")]));

        var copy = JsonSerializer.Deserialize<SlackWebhookMessage>(JsonSerializer.Serialize(message));

        Assert.Equal(message, copy);
    }

    private static SlackDigestRenderer CreateSut() => new();

    private static List<JsonElement> Blocks(SlackWebhookMessage message)
    {
        using var document = JsonDocument.Parse(message.Body);
        return [.. document.RootElement.GetProperty("blocks").EnumerateArray().Select(b => b.Clone())];
    }

    private static List<string> SectionTexts(List<JsonElement> blocks) =>
        [.. blocks
            .Where(b => b.GetProperty("type").GetString() == "section")
            .Select(b => b.GetProperty("text").GetProperty("text").GetString()!)];

    [GeneratedRegex(@"<https://[^|>]+\|[^>]+>")]
    private static partial Regex LinkPattern();

    [GeneratedRegex(@"… and (\d+) more$")]
    private static partial Regex MorePattern();
}
