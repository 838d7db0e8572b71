using System.Text.RegularExpressions;
using CrmSignalWorker.Notifications.Email;

namespace CrmSignalWorker.UnitTests.Notifications.Email;

public sealed partial class EmailDigestRendererTests
{
    [Fact]
    public void Render_Subject_NamesAudiencePeriodAndBreachCount()
    {
        var digest = TestDigests.Create([TestDigests.Breach("Enterprise"), TestDigests.Breach("SMB"), TestDigests.WithinThreshold("Mid-Market")]);

        var (subject, _, _) = CreateSut().Render(digest);

        Assert.Equal("CRM signals for Sales EMEA, 2025-03-04 to 2025-03-10: 2 breaches", subject);
    }

    [Fact]
    public void Render_AudienceWithLineBreak_SubjectStaysOnOneLine()
    {
        var digest = TestDigests.Create([TestDigests.Breach()], audience: "Sales\r\nBcc: victim@example.com");

        var (subject, _, _) = CreateSut().Render(digest);

        Assert.DoesNotContain('\r', subject);
        Assert.DoesNotContain('\n', subject);
    }

    [Fact]
    public void Render_Html_HasOneRowPerEvaluationWithBreachesMarked()
    {
        var digest = TestDigests.Create([
            TestDigests.Breach("Enterprise"),
            TestDigests.WithinThreshold("SMB"),
            TestDigests.WithinThreshold("Mid-Market"),
        ]);

        var (_, html, _) = CreateSut().Render(digest);

        var rows = BodyRow().Matches(html).Select(m => m.Value).ToList();
        Assert.Equal(3, rows.Count);
        var breached = Assert.Single(rows, r => r.Contains(">Breached<", StringComparison.Ordinal));
        Assert.Contains("Enterprise", breached, StringComparison.Ordinal);
        Assert.Contains("background:", breached, StringComparison.Ordinal);
        Assert.Contains(">6.7 %<", breached, StringComparison.Ordinal);
        Assert.Contains(">5.0 %<", breached, StringComparison.Ordinal);
        Assert.Contains(">3 / 45<", breached, StringComparison.Ordinal);
        Assert.Equal(2, rows.Count(r => r.Contains(">OK<", StringComparison.Ordinal)));
    }

    [Fact]
    public void Render_WithInstanceUrl_LinksRecordIdsInBothParts()
    {
        var digest = TestDigests.Create([TestDigests.Breach("Enterprise", null, "006A000001", "006A000002")]);

        var (_, html, text) = CreateSut().Render(digest);

        Assert.Contains("<a href=\"https://acme.my.salesforce.com/006A000001\"", html, StringComparison.Ordinal);
        Assert.Contains(">006A000002</a>", html, StringComparison.Ordinal);
        Assert.Contains("006A000001  https://acme.my.salesforce.com/006A000001", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_WithoutInstanceUrl_ListsRecordIdsWithoutLinks()
    {
        var digest = TestDigests.Create([TestDigests.Breach("Enterprise", null, "006A000001")], instanceUrl: null);

        var (_, html, text) = CreateSut().Render(digest);

        Assert.Contains("006A000001", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<a ", html, StringComparison.Ordinal);
        Assert.Contains("    006A000001\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_HostileNames_AreHtmlEncoded()
    {
        var digest = TestDigests.Create([TestDigests.Breach("<script>&", null, "\"><img src=x>")], audience: "<b>Sales</b>");

        var (_, html, _) = CreateSut().Render(digest);

        Assert.Contains("&lt;script&gt;&amp;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>Sales", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_200Breaches_PlainTextListsEveryBreachAndRecord()
    {
        var breaches = TestDigests.ManyBreaches(200);
        var digest = TestDigests.Create([.. breaches, TestDigests.WithinThreshold("SMB")]);

        var (subject, html, text) = CreateSut().Render(digest);

        Assert.EndsWith(": 200 breaches", subject, StringComparison.Ordinal);
        Assert.Contains("200 breaches out of 201 evaluations.", text, StringComparison.Ordinal);
        for (var i = 0; i < breaches.Count; i++)
        {
            Assert.Contains($"{breaches[i].Day:yyyy-MM-dd}, segment {breaches[i].Segment}\n", text, StringComparison.Ordinal);
            Assert.Contains(TestDigests.Id(i, 'A'), text, StringComparison.Ordinal);
            Assert.Contains(TestDigests.Id(i, 'B'), html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Render_PlainText_ReadsOnItsOwn()
    {
        var digest = TestDigests.Create([TestDigests.Breach("Enterprise"), TestDigests.WithinThreshold("SMB")]);

        var (_, _, text) = CreateSut().Render(digest);

        Assert.StartsWith("CRM signals for Sales EMEA\nPeriod: 2025-03-04 to 2025-03-10 (generated 2025-03-05 06:00 UTC)\n", text, StringComparison.Ordinal);
        Assert.Contains("- Same-day multi-stage jumps, 2025-03-04, segment Enterprise\n  Rate 6.7 % exceeds threshold 5.0 % (3 of 45 records)\n", text, StringComparison.Ordinal);
        Assert.Contains("WITHIN THRESHOLD\n\n- Same-day multi-stage jumps, 2025-03-04, segment SMB\n  Rate 1.0 % within threshold 5.0 % (1 of 100 records)\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<", text, StringComparison.Ordinal);
        Assert.DoesNotContain("&amp;", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_NoEvaluations_SaysSoInsteadOfAnEmptyTable()
    {
        var (subject, html, text) = CreateSut().Render(TestDigests.Create([]));

        Assert.EndsWith(": 0 breaches", subject, StringComparison.Ordinal);
        Assert.Contains("No evaluations in this period.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<table", html, StringComparison.Ordinal);
        Assert.Contains("0 breaches out of 0 evaluations.", text, StringComparison.Ordinal);
    }

    private static EmailDigestRenderer CreateSut() => new();

    [GeneratedRegex(@"<tr(?: style=""[^""]*"")?><td.*?</tr>", RegexOptions.Singleline)]
    private static partial Regex BodyRow();
}
