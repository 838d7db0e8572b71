using System.Text;
using System.Text.Json;
using CrmSignalWorker.Simulator.Query;
using CrmSignalWorker.Simulator.Soql;

namespace CrmSignalWorker.UnitTests.Simulator.Query;

public sealed class QueryPageWriterTests
{
    [Fact]
    public void Write_RelationshipFields_AreNestedWithAttributesOrNull()
    {
        var json = Render("SELECT Id, Profile.Name, UserRole.Name, Profile.UserLicense.Name FROM User ORDER BY Name", offset: 0, count: 3, next: null);

        using var document = JsonDocument.Parse(json);
        var records = document.RootElement.GetProperty("records");
        var alice = records[0];
        Assert.Equal("User", alice.GetProperty("attributes").GetProperty("type").GetString());
        Assert.Equal($"/services/data/v62.0/sobjects/User/{TestOrg.AliceId}", alice.GetProperty("attributes").GetProperty("url").GetString());
        var profile = alice.GetProperty("Profile");
        Assert.Equal("Profile", profile.GetProperty("attributes").GetProperty("type").GetString());
        Assert.Equal("Sales User", profile.GetProperty("Name").GetString());
        Assert.Equal("Salesforce", profile.GetProperty("UserLicense").GetProperty("Name").GetString());
        Assert.Equal("Account Executive", alice.GetProperty("UserRole").GetProperty("Name").GetString());

        var automatedProcess = records[1];
        Assert.Equal(JsonValueKind.Null, automatedProcess.GetProperty("Profile").ValueKind);
        Assert.Equal(JsonValueKind.Null, automatedProcess.GetProperty("UserRole").ValueKind);
    }

    [Fact]
    public void Write_ScalarValues_UseSalesforceFormats()
    {
        var json = Render(
            "SELECT Id, OldValue, NewValue, CreatedDate, IsDeleted FROM OpportunityFieldHistory WHERE Field = 'Amount'", offset: 0, count: 1, next: null);

        Assert.Contains(
            "\"OldValue\":1000.0,\"NewValue\":2500.5,\"CreatedDate\":\"2026-11-01T11:00:00.000+0000\",\"IsDeleted\":false",
            json,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Write_MiddlePage_CarriesTotalAndNextUrlOnlyWhileNotDone()
    {
        var middle = Render("SELECT Id FROM User", offset: 1, count: 1, next: "/services/data/v62.0/query/01g000000000001AAA-2");
        var last = Render("SELECT Id FROM User", offset: 2, count: 1, next: null);

        Assert.StartsWith(
            "{\"totalSize\":3,\"done\":false,\"nextRecordsUrl\":\"/services/data/v62.0/query/01g000000000001AAA-2\",\"records\":[",
            middle,
            StringComparison.Ordinal);
        Assert.Contains(TestOrg.BobId, middle, StringComparison.Ordinal);
        Assert.StartsWith("{\"totalSize\":3,\"done\":true,\"records\":[", last, StringComparison.Ordinal);
        Assert.DoesNotContain("nextRecordsUrl", last, StringComparison.Ordinal);
    }

    private static string Render(string soql, int offset, int count, string? next)
    {
        var database = TestOrg.Create();
        var bound = new QueryBinder(database, soql).Bind(SoqlParser.Parse(soql));
        var result = new QueryResult(QueryExecutor.Execute(database, bound, includeDeleted: false), bound.Selection);
        return Encoding.UTF8.GetString(new QueryPageWriter(database, "v62.0").Write(result, offset, count, next));
    }
}
