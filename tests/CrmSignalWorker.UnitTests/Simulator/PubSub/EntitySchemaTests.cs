using System.Text.Json;
using CrmSignalWorker.Simulator.PubSub;

namespace CrmSignalWorker.UnitTests.Simulator.PubSub;

public sealed class EntitySchemaTests
{
    [Fact]
    public void Json_Opportunity_IsSalesforceShapedRecord()
    {
        var schema = new SchemaRegistry().Current("Opportunity");

        using var json = JsonDocument.Parse(schema.Json);
        var root = json.RootElement;
        Assert.Equal("OpportunityChangeEvent", root.GetProperty("name").GetString());
        Assert.Equal("com.sforce.eventbus", root.GetProperty("namespace").GetString());
        var fields = root.GetProperty("fields").EnumerateArray().ToList();
        Assert.Equal("ChangeEventHeader", fields[0].GetProperty("name").GetString());
        var header = fields[0].GetProperty("type").GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("name").GetString()).ToList();
        Assert.Equal(
            ["entityName", "recordIds", "changeType", "changeOrigin", "transactionKey", "sequenceNumber", "commitTimestamp",
             "commitNumber", "commitUser", "nulledFields", "diffFields", "changedFields"],
            header);
        var symbols = fields[0].GetProperty("type").GetProperty("fields")[2].GetProperty("type").GetProperty("symbols")
            .EnumerateArray().Select(s => s.GetString()).ToList();
        Assert.Equal(
            ["CREATE", "UPDATE", "DELETE", "UNDELETE", "GAP_CREATE", "GAP_UPDATE", "GAP_DELETE", "GAP_UNDELETE", "GAP_OVERFLOW", "SNAPSHOT"],
            symbols);
        Assert.Equal(Enum.GetNames<ChangeType>().Length, symbols.Count);
        var amount = fields.Single(f => f.GetProperty("name").GetString() == "Amount");
        Assert.Equal(["null", "double"], amount.GetProperty("type").EnumerateArray().Select(t => t.GetString()));
        var closeDate = fields.Single(f => f.GetProperty("name").GetString() == "CloseDate");
        Assert.Equal(["null", "long"], closeDate.GetProperty("type").EnumerateArray().Select(t => t.GetString()));
    }

    [Fact]
    public void SchemaId_IsStable22CharacterBase64Url()
    {
        var first = new SchemaRegistry().Current("Lead").SchemaId;
        var second = new SchemaRegistry().Current("lead").SchemaId;

        Assert.Equal(first, second);
        Assert.Matches("^[A-Za-z0-9_-]{22}$", first);
        Assert.NotEqual(first, new SchemaRegistry().Current("Opportunity").SchemaId);
    }

    [Fact]
    public void AddField_NewVersion_HasNewIdAndBothStayResolvable()
    {
        var registry = new SchemaRegistry();
        var original = registry.Current("Opportunity");

        var changed = registry.AddField("Opportunity");

        Assert.NotEqual(original.SchemaId, changed.SchemaId);
        Assert.Equal("SimAdded1__c", changed.Fields[^1].Name);
        Assert.Equal(original.Fields.Count + 1, changed.Fields.Count);
        Assert.Same(changed, registry.Current("Opportunity"));
        Assert.True(registry.TryGet(original.SchemaId, out _));
        Assert.Equal("SimAdded2__c", registry.AddField("Opportunity").Fields[^1].Name);
    }

    [Fact]
    public void Locate_CompoundChild_ReturnsParentIndexAndChildIndex()
    {
        var lead = new SchemaRegistry().Current("Lead");

        Assert.Equal(new FieldPosition(1, 1), lead.Locate("Name.FirstName").Position);
        Assert.Equal(new FieldPosition(3), lead.Locate("Status").Position);
        Assert.Throws<ArgumentException>(() => lead.Locate("StageName"));
    }

    [Fact]
    public void Current_UnknownEntity_Throws()
    {
        Assert.Throws<ArgumentException>(() => new SchemaRegistry().Current("Asset"));
    }
}
