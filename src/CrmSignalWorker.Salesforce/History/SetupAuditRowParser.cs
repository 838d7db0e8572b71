using System.Text.Json;
using CrmSignalWorker.Core.Audit;

namespace CrmSignalWorker.Salesforce.History;

/// <summary>
/// Reads a SetupAuditTrail record from REST JSON. Id, Action and CreatedDate are what the store and the trace
/// cannot do without; a record missing one is reported with the field, so the caller quarantines it whole.
/// Section, Display, DelegateUser and CreatedById are kept when present: Salesforce documents the first three
/// as nillable, and a change made by Salesforce itself need not carry a user of the org.
/// </summary>
public static class SetupAuditRowParser
{
    public static SetupAuditRow Parse(JsonElement record)
    {
        if (record.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"expected a JSON object but found {record.ValueKind}");
        }

        var created = RequiredString(record, "CreatedDate");
        return new SetupAuditRow(
            RequiredString(record, "Id"),
            RequiredString(record, "Action"),
            OptionalString(record, "Section"),
            SalesforceDateTime.TryParse(created, out var at) ? at : throw new FormatException($"field 'CreatedDate' is not a Salesforce datetime: '{created}'"),
            OptionalString(record, "CreatedById"),
            OptionalString(record, "Display"),
            OptionalString(record, "DelegateUser"));
    }

    private static string RequiredString(JsonElement record, string name) =>
        record.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && !string.IsNullOrEmpty(value.GetString())
            ? value.GetString()!
            : throw new FormatException($"field '{name}' is missing or not a non-empty string");

    private static string? OptionalString(JsonElement record, string name)
    {
        if (!record.TryGetProperty(name, out var value) || value.ValueKind is JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new FormatException($"field '{name}' holds a {value.ValueKind}, not a string");
    }
}
