using System.Text.Json;
using CrmSignalWorker.Salesforce.History;
using CrmSignalWorker.Salesforce.Rest;

namespace CrmSignalWorker.UnitTests.Salesforce;

public sealed class HistoryParsingTests
{
    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    [Fact]
    public void ParseFieldHistory_TypicalRow_ReadsEveryField()
    {
        var row = HistoryRowParser.ParseFieldHistory("OpportunityFieldHistory", "OpportunityId", Json(
            """
            {"attributes":{"type":"OpportunityFieldHistory"},"Id":"017A","OpportunityId":"006A","Field":"Amount","DataType":"Currency",
             "OldValue":1000,"NewValue":25000.5,"CreatedById":"005A","CreatedDate":"2026-11-02T14:05:09.000+0000"}
            """));

        Assert.Equal(("017A", "006A", "Amount"), (row.Id, row.ParentId, row.Field));
        Assert.Equal(("1000", "25000.5"), (row.OldValue, row.NewValue));
        Assert.Equal(new DateTimeOffset(2026, 11, 2, 14, 5, 9, TimeSpan.Zero), row.CreatedDate);
    }

    [Theory]
    [InlineData("""{"Id":"017A","OpportunityId":"006A","Field":"Amount","CreatedById":"005A"}""", "'CreatedDate'")]
    [InlineData("""{"Id":"017A","OpportunityId":"006A","Field":"Amount","CreatedById":"005A","CreatedDate":"yesterday"}""", "not a Salesforce datetime")]
    [InlineData("""{"Id":"017A","Field":"Amount","CreatedById":"005A","CreatedDate":"2026-11-02T14:05:09.000+0000"}""", "'OpportunityId'")]
    [InlineData("""{"Id":"017A","OpportunityId":"006A","Field":"Amount","NewValue":{"a":1},"CreatedById":"005A","CreatedDate":"2026-11-02T14:05:09.000+0000"}""", "'NewValue'")]
    public void ParseFieldHistory_BrokenRow_NamesWhatIsWrong(string json, string expected)
    {
        var error = Assert.Throws<FormatException>(() => HistoryRowParser.ParseFieldHistory("OpportunityFieldHistory", "OpportunityId", Json(json)));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseSnapshot_OpportunityHistoryRow_ReadsAmountsAndDates()
    {
        var snapshot = HistoryRowParser.ParseSnapshot(Json(
            """
            {"Id":"008A","OpportunityId":"006A","StageName":"Qualification","Amount":5000,"CloseDate":"2026-12-31","Probability":20,
             "ForecastCategory":"Pipeline","PrevAmount":null,"PrevCloseDate":"2026-12-15","CreatedById":"005A","CreatedDate":"2026-11-02T14:05:09.000+0000"}
            """));

        Assert.Equal(5000m, snapshot.Amount);
        Assert.Equal(new DateOnly(2026, 12, 31), snapshot.CloseDate);
        Assert.Equal(new DateOnly(2026, 12, 15), snapshot.PrevCloseDate);
        Assert.Null(snapshot.PrevAmount);
    }

    [Theory]
    [InlineData("OpportunityFieldHistory", "OpportunityId")]
    [InlineData("LeadHistory", "LeadId")]
    [InlineData("Invoice__History", "ParentId")]
    public void ParentKeyOf_HistoryObject_IsTheFieldNamingTheRecord(string historyObject, string expected) =>
        Assert.Equal(expected, HistoryQuery.ParentKeyOf(historyObject));

    [Fact]
    public void For_FieldHistory_FiltersFromTheWatermarkSecondAndOrdersByDateThenId()
    {
        var soql = HistoryQuery.For("LeadHistory", new DateTimeOffset(2026, 11, 2, 15, 5, 9, 730, TimeSpan.FromHours(1)));

        Assert.Equal(
            "SELECT Id, LeadId, Field, DataType, OldValue, NewValue, CreatedById, CreatedDate FROM LeadHistory WHERE CreatedDate >= 2026-11-02T14:05:09Z ORDER BY CreatedDate, Id",
            soql);
    }

    [Fact]
    public void For_ARange_AddsTheExclusiveUpperBound()
    {
        var soql = HistoryQuery.For("OpportunityHistory", new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero));

        Assert.EndsWith(
            "FROM OpportunityHistory WHERE CreatedDate >= 2026-01-01T00:00:00Z AND CreatedDate < 2026-02-01T00:00:00Z ORDER BY CreatedDate, Id",
            soql,
            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("api-usage=10018/100000", 10018L, 100000L)]
    [InlineData("api-usage=25/15000; api-bursts=1/750", 25L, 15000L)]
    public void TryParse_LimitInfoHeader_ReadsUsedAndMax(string header, long used, long max)
    {
        Assert.True(SalesforceApiUsage.TryParse(header, out var u, out var m));
        Assert.Equal((used, max), (u, m));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("api-bursts=1/750")]
    [InlineData("api-usage=many/100")]
    public void TryParse_UnreadableLimitInfo_IsIgnored(string? header) =>
        Assert.False(SalesforceApiUsage.TryParse(header, out _, out _));

    [Fact]
    public void ParseError_SalesforceErrorArray_ReadsCodeAndMessage() =>
        Assert.Equal(
            ("MALFORMED_QUERY", "unexpected token: FORM"),
            SalesforceRestClient.ParseError("""[{"message":"unexpected token: FORM","errorCode":"MALFORMED_QUERY"}]"""));

    [Fact]
    public void ParseError_HtmlFromAProxy_IsReportedShortened()
    {
        var (code, message) = SalesforceRestClient.ParseError("<html>" + new string('x', 500) + "</html>");

        Assert.Equal("UNKNOWN_ERROR", code);
        Assert.Equal(200, message.Length);
    }

    [Fact]
    public void ParsePage_LastPage_IsDoneWithoutANextUrl()
    {
        var page = SalesforceRestClient.ParsePage(Json("""{"totalSize":1,"done":true,"records":[{"Id":"017A"}]}"""));

        Assert.True(page.Done);
        Assert.Null(page.NextRecordsUrl);
        Assert.Single(page.Records);
    }
}
