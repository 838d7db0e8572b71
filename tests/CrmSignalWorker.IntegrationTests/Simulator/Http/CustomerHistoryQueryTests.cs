using System.Text.Json;
using CrmSignalWorker.Simulator;

namespace CrmSignalWorker.IntegrationTests.Simulator.Http;

/// <summary>The customer-side history objects page exactly like OpportunityFieldHistory and LeadHistory.</summary>
public sealed class CustomerHistoryQueryTests
{
    [Theory]
    [InlineData("AccountHistory", "AccountId")]
    [InlineData("ContactHistory", "ContactId")]
    [InlineData("CaseHistory", "CaseId")]
    [InlineData("Deal_Registration__History", "ParentId")]
    public async Task Query_HistoryInBatchesOf200_ReturnsEveryLiveRowOnceInOrder(string historyObject, string parentKey)
    {
        await using var org = await OrgClient.StartOrgAsync(configure: o => o.Accounts = 150);
        using var client = new OrgClient(org);
        var token = await client.GetTokenAsync();
        var soql = $"SELECT Id, {parentKey}, Field, DataType, OldValue, NewValue, CreatedById, CreatedDate FROM {historyObject} ORDER BY CreatedDate, Id";

        var pages = await client.QueryPagesAsync(soql, token, batchSize: 200);
        var all = await client.QueryPagesAsync(soql, token, batchSize: 200, all: true);

        var expected = History(org.Scenario, historyObject);
        var live = expected.Where(r => !r.IsDeleted).ToList();
        Assert.True(pages.Count >= 2, $"only {pages.Count} page(s)");
        Assert.Equal((live.Count + 199) / 200, pages.Count);
        Assert.All(pages.SkipLast(1), p => Assert.Equal(200, p.GetProperty("records").GetArrayLength()));
        var records = pages.SelectMany(p => p.GetProperty("records").EnumerateArray()).ToList();
        Assert.Equal(live.Select(r => r.Id), records.Select(r => r.GetProperty("Id").GetString()));
        Assert.Equal(live.Select(r => r.ParentId), records.Select(r => r.GetProperty(parentKey).GetString()));
        Assert.Equal(historyObject, records[0].GetProperty("attributes").GetProperty("type").GetString());
        Assert.Equal(expected.Count, all[0].GetProperty("totalSize").GetInt32());
        Assert.True(expected.Count > live.Count, "queryAll must add the deleted records' rows");
    }

    [Fact]
    public async Task Query_OwnerChangesAndCurrencyValues_KeepSalesforceShapes()
    {
        await using var org = await OrgClient.StartOrgAsync();
        using var client = new OrgClient(org);
        var token = await client.GetTokenAsync();

        var owners = (await client.QueryPagesAsync(
            "SELECT Id, DataType, OldValue, NewValue, CreatedById FROM CaseHistory WHERE Field = 'Owner' ORDER BY CreatedDate, Id", token))
            .SelectMany(p => p.GetProperty("records").EnumerateArray()).ToList();
        var amounts = (await client.QueryPagesAsync(
            "SELECT NewValue, Parent.Name FROM Deal_Registration__History WHERE Field = 'Amount__c'", token))
            .SelectMany(p => p.GetProperty("records").EnumerateArray()).ToList();

        Assert.Equal(owners.Count(r => r.GetProperty("DataType").GetString() == "EntityId"), owners.Count(r => r.GetProperty("DataType").GetString() == "Text"));
        Assert.Contains(owners, r => r.GetProperty("CreatedById").GetString() == org.Scenario.AutomatedProcessUserId);
        Assert.All(owners.Where(r => r.GetProperty("DataType").GetString() == "EntityId"), r => Assert.StartsWith("005", r.GetProperty("NewValue").GetString(), StringComparison.Ordinal));
        Assert.NotEmpty(amounts);
        Assert.All(amounts, r => Assert.Equal(JsonValueKind.Number, r.GetProperty("NewValue").ValueKind));
        Assert.All(amounts, r => Assert.StartsWith("DR-", r.GetProperty("Parent").GetProperty("Name").GetString(), StringComparison.Ordinal));
    }

    private static IReadOnlyList<SimFieldHistory> History(Scenario scenario, string historyObject) => historyObject switch
    {
        "AccountHistory" => scenario.AccountHistory,
        "ContactHistory" => scenario.ContactHistory,
        "CaseHistory" => scenario.CaseHistory,
        _ => scenario.DealRegistrationHistory,
    };
}
