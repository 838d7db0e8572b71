using System.Text.Json;
using CrmSignalWorker.Core.Lineage;
using CrmSignalWorker.Lineage;

namespace CrmSignalWorker.UnitTests.Worker.Lineage;

public sealed class LineageRenderersTests
{
    [Fact]
    public void Table_AlignsColumns_AndShowsUnknownPartsAsUnknown()
    {
        var text = new LineageTableRenderer().Render(TestReports.Create());
        var lines = text.Split('\n');

        var header = Array.FindIndex(lines, l => l.StartsWith("OBJECT", StringComparison.Ordinal) && l.Contains("AUTOMATION", StringComparison.Ordinal));
        var rows = lines.Skip(header + 1).TakeWhile(l => l.Length > 0).ToList();
        Assert.Equal(5, rows.Count);
        // Every row's share ends in the same column as the heading's.
        Assert.All(rows, r => Assert.Equal(lines[header].Length, r.Length));
        Assert.Contains(rows, r => System.Text.RegularExpressions.Regex.IsMatch(r, @"^Opportunity +StageName +unknown +unknown +unknown +unknown +unknown +5 +5\.0 %$"));
        Assert.Contains(rows, r => r.Contains("Lead_Routing_Flow", StringComparison.Ordinal) && r.EndsWith("100.0 %", StringComparison.Ordinal));
        Assert.Contains("108 writes to 2 fields; unknown actor: 5 of 108 writes (4.6 %); unknown channel: 5 of 108 writes (4.6 %)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Table_EndsWithCoveragePerSourceAndPerObjectAgainstTheTarget()
    {
        var text = new LineageTableRenderer().Render(TestReports.Create());

        var coverage = text[text.IndexOf("ATTRIBUTION COVERAGE", StringComparison.Ordinal)..];
        Assert.Contains("target 80.0 %", coverage, StringComparison.Ordinal);
        Assert.Matches(@"Lead\s+history\s+10\s+7\s+70\.0 %\s+BELOW TARGET", coverage);
        Assert.Matches(@"Opportunity\s+cdc\s+95\s+95\s+100\.0 %\s+meets target", coverage);
        Assert.Matches(@"Opportunity\s+all\s+100\s+95\s+95\.0 %\s+meets target", coverage);
    }

    [Fact]
    public void Table_EmptyWindow_SaysSo()
    {
        var report = new LineageReport(LineageInventory.Build(TestReports.Window, []), AttributionCoverage.Empty(0.8m), TestReports.GeneratedAt);

        var text = new LineageTableRenderer().Render(report);

        Assert.Contains("No writes were stored in this window.", text, StringComparison.Ordinal);
        Assert.Contains("No stage or owner changes were stored in this window.", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_HasTheDocumentedFieldNames_NullForUnknownParts_AndRoundedShares()
    {
        using var json = JsonDocument.Parse(new LineageJsonWriter().Write(TestReports.Create()));
        var root = json.RootElement;

        Assert.Equal(1, root.GetProperty("schemaVersion").GetInt32());
        Assert.Equal("2026-01-01T00:00:00Z", root.GetProperty("window").GetProperty("from").GetString());
        Assert.Equal("2026-01-31T00:00:00Z", root.GetProperty("window").GetProperty("to").GetString());
        Assert.Equal(108, root.GetProperty("writes").GetInt64());
        Assert.Equal(5, root.GetProperty("unknownActorWrites").GetInt64());
        var stage = root.GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("field").GetString() == "StageName");
        Assert.Equal("Opportunity", stage.GetProperty("object").GetString());
        var unknown = stage.GetProperty("writers").EnumerateArray().Single(w => w.GetProperty("actorKind").GetString() == "unknown");
        Assert.Equal(JsonValueKind.Null, unknown.GetProperty("team").ValueKind);
        Assert.Equal(JsonValueKind.Null, unknown.GetProperty("clientName").ValueKind);
        Assert.Equal(JsonValueKind.Null, unknown.GetProperty("automationId").ValueKind);
        Assert.Equal("unknown", unknown.GetProperty("channel").GetString());
        Assert.Equal(0.05m, unknown.GetProperty("share").GetDecimal());
        Assert.Equal(0.3m, stage.GetProperty("channels").EnumerateArray().Single(c => c.GetProperty("channel").GetString() == "api").GetProperty("share").GetDecimal());
        var coverage = root.GetProperty("coverage");
        Assert.Equal(0.8m, coverage.GetProperty("target").GetDecimal());
        var lead = coverage.GetProperty("bySource").EnumerateArray().Single(s => s.GetProperty("object").GetString() == "Lead");
        Assert.Equal(("history", 10, 7, 0.7m, false), (lead.GetProperty("source").GetString(), lead.GetProperty("changes").GetInt64(),
            lead.GetProperty("attributed").GetInt64(), lead.GetProperty("share").GetDecimal(), lead.GetProperty("meetsTarget").GetBoolean()));
        Assert.Equal(JsonValueKind.Null, coverage.GetProperty("byObject")[0].GetProperty("source").ValueKind);
    }

    [Fact]
    public void Json_ThirdsAreCutToFourDecimals()
    {
        var report = new LineageReport(
            LineageInventory.Build(TestReports.Window, [new("Lead", "Status", new Writer("human", "SDR", null, null), "ui", 1), new("Lead", "Status", new Writer("human", "AE", null, null), "ui", 2)]),
            AttributionCoverage.Empty(0.8m),
            TestReports.GeneratedAt);

        using var json = JsonDocument.Parse(new LineageJsonWriter().Write(report));

        var shares = json.RootElement.GetProperty("fields")[0].GetProperty("writers").EnumerateArray().Select(w => w.GetProperty("share").GetDecimal());
        Assert.Equal([0.6667m, 0.3333m], shares);
    }

    [Fact]
    public void Html_EncodesEveryValueFromTheOrg_AndFetchesNothing()
    {
        var html = new LineageHtmlRenderer().Render(TestReports.Create(team: "<script>alert(1)</script>", clientName: "Sync & \"Co\""));

        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("Sync &amp; &quot;Co&quot;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("src=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", html, StringComparison.Ordinal);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"unknown\">unknown</td>", html, StringComparison.Ordinal);
        Assert.Contains("BELOW TARGET", html, StringComparison.Ordinal);
    }
}
