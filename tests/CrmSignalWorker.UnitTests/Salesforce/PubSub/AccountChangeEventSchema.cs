using System.Text;
using Avro;
using Avro.Generic;
using Avro.IO;

namespace CrmSignalWorker.UnitTests.Salesforce.PubSub;

/// <summary>
/// An AccountChangeEvent-like schema in the top-level field order of a captured real event (facts sheet §2.7):
/// ChangeEventHeader, Name, Type, ParentId, BillingAddress{…}, ShippingAddress, …, LastModifiedDate (index 22), …
/// plus two custom date fields, and a writer that encodes events the way Salesforce does (one raw Avro datum).
/// </summary>
internal static class AccountChangeEventSchema
{
    public static readonly string[] AddressChildren =
        ["Street", "City", "State", "PostalCode", "Country", "StateCode", "CountryCode", "Latitude", "Longitude", "Xyz", "GeocodeAccuracy"];

    public static readonly string Json = Build();

    public static readonly RecordSchema Schema = (RecordSchema)Avro.Schema.Parse(Json);

    public static RecordSchema HeaderSchema => (RecordSchema)Schema.Fields[0].Schema;

    public static GenericRecord Header(
        string changeType,
        string[] changedFields,
        string[]? nulledFields = null,
        string[]? diffFields = null,
        string[]? recordIds = null,
        string changeOrigin = "com/salesforce/api/soap/58.0;client=SfdcInternalAPI/",
        long commitTimestamp = 1_793_628_309_000)
    {
        var header = new GenericRecord(HeaderSchema);
        header.Add("entityName", "Account");
        header.Add("recordIds", recordIds ?? ["001000000000001AAA"]);
        header.Add("changeType", new GenericEnum((EnumSchema)HeaderSchema["changeType"].Schema, changeType));
        header.Add("changeOrigin", changeOrigin);
        header.Add("transactionKey", "0001f3a7-6a2b-7c0d-2e1f-0a1b2c3d4e5f");
        header.Add("sequenceNumber", 1);
        header.Add("commitTimestamp", commitTimestamp);
        header.Add("commitNumber", 11_812_345_678_901L);
        header.Add("commitUser", "005000000000001AAA");
        header.Add("nulledFields", nulledFields ?? []);
        header.Add("diffFields", diffFields ?? []);
        header.Add("changedFields", changedFields);
        return header;
    }

    public static GenericRecord Event(GenericRecord header, IReadOnlyDictionary<string, object?> values)
    {
        var record = new GenericRecord(Schema);
        foreach (var field in Schema.Fields)
        {
            record.Add(field.Name, field.Pos == 0 ? header : values.GetValueOrDefault(field.Name));
        }

        return record;
    }

    public static GenericRecord Address(IReadOnlyDictionary<string, string?> values)
    {
        var schema = (RecordSchema)((UnionSchema)Schema["BillingAddress"].Schema).Schemas[1];
        var address = new GenericRecord(schema);
        foreach (var child in schema.Fields)
        {
            object? value = child.Name is "Latitude" or "Longitude"
                ? (values.GetValueOrDefault(child.Name) is { } number ? double.Parse(number, System.Globalization.CultureInfo.InvariantCulture) : null)
                : values.GetValueOrDefault(child.Name);
            address.Add(child.Name, value);
        }

        return address;
    }

    public static byte[] Encode(GenericRecord record)
    {
        using var stream = new MemoryStream();
        var encoder = new BinaryEncoder(stream);
        new GenericDatumWriter<GenericRecord>(Schema).Write(record, encoder);
        encoder.Flush();
        return stream.ToArray();
    }

    private static string Build()
    {
        var fields = new List<string>
        {
            """
            {"name":"ChangeEventHeader","type":{"type":"record","name":"ChangeEventHeader","fields":[
              {"name":"entityName","type":"string"},
              {"name":"recordIds","type":{"type":"array","items":"string"}},
              {"name":"changeType","type":{"type":"enum","name":"ChangeType","symbols":["CREATE","UPDATE","DELETE","UNDELETE","GAP_CREATE","GAP_UPDATE","GAP_DELETE","GAP_UNDELETE","GAP_OVERFLOW","SNAPSHOT"]}},
              {"name":"changeOrigin","type":"string"},
              {"name":"transactionKey","type":"string"},
              {"name":"sequenceNumber","type":"int"},
              {"name":"commitTimestamp","type":"long"},
              {"name":"commitNumber","type":"long"},
              {"name":"commitUser","type":"string"},
              {"name":"nulledFields","type":{"type":"array","items":"string"}},
              {"name":"diffFields","type":{"type":"array","items":"string"}},
              {"name":"changedFields","type":{"type":"array","items":"string"}}]}}
            """,
            Nullable("Name", "string"),
            Nullable("Type", "string"),
            Nullable("ParentId", "string"),
            Nullable("BillingAddress", Address("Address")),
            Nullable("ShippingAddress", "Address"),
        };
        foreach (var name in new[] { "Phone", "Fax", "AccountNumber", "Website", "Sic", "Industry" })
        {
            fields.Add(Nullable(name, "string"));
        }

        fields.Add(Nullable("AnnualRevenue", "double"));
        fields.Add(Nullable("NumberOfEmployees", "int"));
        foreach (var name in new[] { "Ownership", "TickerSymbol", "Description", "Rating", "Site", "OwnerId" })
        {
            fields.Add(Nullable(name, "string"));
        }

        fields.Add(Nullable("CreatedDate", "long", "CreatedDate:DateTime"));
        fields.Add(Nullable("CreatedById", "string"));
        fields.Add(Nullable("LastModifiedDate", "long", "LastModifiedDate:DateTime"));
        fields.Add(Nullable("LastModifiedById", "string"));
        fields.Add(Nullable("Jigsaw", "string"));
        fields.Add(Nullable("SLAExpirationDate__c", "long", "Data:DateOnly:00N5e00000AbCdE"));
        fields.Add(Nullable("Renewal__c", """{"type":"long","logicalType":"timestamp-millis"}"""));
        var json = new StringBuilder("""{"type":"record","name":"AccountChangeEvent","namespace":"com.sforce.eventbus","fields":[""");
        json.AppendJoin(",", fields);
        json.Append("]}");
        return json.ToString();
    }

    private static string Address(string name)
    {
        var children = AddressChildren.Select(child => child is "Latitude" or "Longitude" ? Nullable(child, "double") : Nullable(child, "string"));
        return $$"""{"type":"record","name":"{{name}}","fields":[{{string.Join(",", children)}}]}""";
    }

    private static string Nullable(string name, string type, string? doc = null)
    {
        var typeJson = type.StartsWith('{') ? type : $"\"{type}\"";
        var docJson = doc is null ? "" : $",\"doc\":\"{doc}\"";
        return $$"""{"name":"{{name}}","type":["null",{{typeJson}}]{{docJson}},"default":null}""";
    }
}
