using CrmSignalWorker.Salesforce.PubSub;
using CrmSignalWorker.Salesforce.PubSub.Protocol;
using CrmSignalWorker.Simulator;
using CrmSignalWorker.Simulator.PubSub;

namespace CrmSignalWorker.IntegrationTests.Simulator.PubSub;

/// <summary>The customer-side channels serve the same writes the history objects hold, decodable by the worker's decoder.</summary>
public sealed class CustomerChangeEventTests
{
    [Theory]
    [InlineData(PubSubTopics.AccountChangeEvent, "Account", "AccountChangeEvent")]
    [InlineData(PubSubTopics.ContactChangeEvent, "Contact", "ContactChangeEvent")]
    [InlineData(PubSubTopics.CaseChangeEvent, "Case", "CaseChangeEvent")]
    [InlineData(PubSubTopics.DealRegistrationChangeEvent, "Deal_Registration__c", "Deal_Registration__ChangeEvent")]
    public async Task Subscribe_EarliestOnObjectChannel_EveryHistoryWriteArrivesWithSameActorAndSecond(string topic, string entity, string recordName)
    {
        await using var sut = await PubSubTestOrg.StartAsync();
        var history = History(sut.Org.Scenario, entity);
        var expected = sut.Org.PubSub.Events.Where(e => e.Entity == entity).ToList();

        var received = await ReadAsync(sut, topic, expected.Count);
        var decoder = new ChangeEventDecoder();
        var schemaJson = (await sut.Client.GetSchemaAsync(new SchemaRequest { SchemaId = received[0].Event.SchemaId }, sut.Headers)).SchemaJson;
        var schema = (Avro.RecordSchema)Avro.Schema.Parse(schemaJson);
        var decoded = received.Select(e => decoder.Decode(e, topic, schema)).ToList();

        Assert.Equal("com.sforce.eventbus." + recordName, schema.Fullname);
        Assert.Equal(expected.Select(e => e.ReplayId), received.Select(e => e.ReplayId.ToByteArray()));
        var bySecond = decoded.ToLookup(d => (d.Header.RecordIds[0], d.Header.CommitUser, d.Header.CommitTimestamp));
        foreach (var row in history.Where(r => !(r.Field == "Owner" && r.DataType == "Text")))
        {
            var change = Assert.Single(bySecond[(row.ParentId, row.CreatedById, DateTimeOffset.FromUnixTimeSeconds(row.CreatedDate.ToUnixTimeSeconds()))]);
            Assert.Equal(entity, change.Header.EntityName);
            if (row.Field != "created")
            {
                var field = row.Field == "Owner" ? "OwnerId" : row.Field;
                Assert.Contains(field, change.Header.ChangedFields);
                Assert.Equal(row.DataType == "Currency" ? Money(row.NewValue) : row.NewValue, change.Fields[field]);
            }
        }
    }

    private static string? Money(string? value) =>
        value is null ? null : double.Parse(value, System.Globalization.CultureInfo.InvariantCulture).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<List<ConsumerEvent>> ReadAsync(PubSubTestOrg sut, string topic, int count)
    {
        using var call = sut.Subscribe();
        await call.RequestStream.WriteAsync(PubSubTestOrg.Fetch(topic, ReplayPreset.Earliest, 100));
        var events = new List<ConsumerEvent>();
        while (events.Count < count)
        {
            var response = await PubSubTestOrg.NextAsync(call);
            events.AddRange(response.Events);
            if (response.PendingNumRequested == 0)
            {
                await call.RequestStream.WriteAsync(new FetchRequest { NumRequested = 100 });
            }
        }

        return events;
    }

    private static IReadOnlyList<SimFieldHistory> History(Scenario scenario, string entity) => entity switch
    {
        "Account" => scenario.AccountHistory,
        "Contact" => scenario.ContactHistory,
        "Case" => scenario.CaseHistory,
        _ => scenario.DealRegistrationHistory,
    };
}
