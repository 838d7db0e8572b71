using System.Text.Json;
using CrmSignalWorker.Salesforce.History;

namespace CrmSignalWorker.UnitTests.Salesforce;

public sealed class SetupAuditParsingTests
{
    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    [Fact]
    public void Parse_FlowActivationRow_ReadsEveryField()
    {
        var row = SetupAuditRowParser.Parse(Json(
            """
            {"attributes":{"type":"SetupAuditTrail","url":"/services/data/v62.0/sobjects/SetupAuditTrail/0Ym5g00000AbCdE"},
             "Id":"0Ym5g00000AbCdEFGH","Action":"activatedinteractiondefinition","Section":"Flows",
             "CreatedDate":"2026-11-14T01:12:40.000+0000","CreatedById":"0055g00000XyZaBAAV",
             "Display":"Activated flow version #4 \"Marketo Stage Sync\" for flow with Unique Name \"Marketo_Stage_Sync\"","DelegateUser":null}
            """));

        Assert.Equal(("0Ym5g00000AbCdEFGH", "activatedinteractiondefinition", "Flows"), (row.Id, row.Action, row.Section));
        Assert.Equal(new DateTimeOffset(2026, 11, 14, 1, 12, 40, TimeSpan.Zero), row.CreatedDate);
        Assert.Equal("0055g00000XyZaBAAV", row.CreatedById);
        Assert.StartsWith("Activated flow version #4", row.Display, StringComparison.Ordinal);
        Assert.Null(row.DelegateUser);
    }

    [Fact]
    public void Parse_RowWithoutSectionDisplayOrUser_KeepsTheChange()
    {
        var row = SetupAuditRowParser.Parse(Json("""{"Id":"0YmA","Action":"BlackTabFrameworkActionRun","CreatedDate":"2026-11-14T01:12:40.000+0000"}"""));

        Assert.Equal("BlackTabFrameworkActionRun", row.Action);
        Assert.Null(row.Section);
        Assert.Null(row.CreatedById);
    }

    [Theory]
    [InlineData("""{"Id":"0YmA","Section":"Flows","CreatedDate":"2026-11-14T01:12:40.000+0000"}""", "'Action'")]
    [InlineData("""{"Action":"resetpassword","CreatedDate":"2026-11-14T01:12:40.000+0000"}""", "'Id'")]
    [InlineData("""{"Id":"0YmA","Action":"resetpassword","CreatedDate":"last Tuesday"}""", "not a Salesforce datetime")]
    [InlineData("""{"Id":"0YmA","Action":"resetpassword","CreatedDate":"2026-11-14T01:12:40.000+0000","Display":42}""", "'Display'")]
    [InlineData("""["0YmA"]""", "expected a JSON object")]
    public void Parse_BrokenRow_NamesWhatIsWrong(string json, string expected)
    {
        var error = Assert.Throws<FormatException>(() => SetupAuditRowParser.Parse(Json(json)));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void For_Watermark_SelectsTheAuditFieldsFromTheWatermarkSecondInReadOrder() =>
        Assert.Equal(
            "SELECT Id, Action, Section, CreatedDate, CreatedById, Display, DelegateUser FROM SetupAuditTrail "
            + "WHERE CreatedDate >= 2026-11-14T01:12:40Z ORDER BY CreatedDate, Id",
            SetupAuditTrailQuery.For(new DateTimeOffset(2026, 11, 14, 2, 12, 40, 500, TimeSpan.FromHours(1))));
}
