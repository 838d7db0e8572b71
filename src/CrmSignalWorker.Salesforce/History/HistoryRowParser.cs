using System.Globalization;
using System.Text.Json;
using CrmSignalWorker.Core.Changes;

namespace CrmSignalWorker.Salesforce.History;

/// <summary>
/// Reads history records from REST JSON. A record that lacks what the store needs is reported with the
/// field that was wrong, so the caller can quarantine it whole instead of guessing.
/// </summary>
public static class HistoryRowParser
{
    public static HistoryRow ParseFieldHistory(string historyObject, string parentKey, JsonElement record) =>
        new(
            historyObject,
            RequiredString(record, "Id"),
            RequiredString(record, parentKey),
            RequiredString(record, "Field"),
            OptionalString(record, "DataType"),
            AnyType(record, "OldValue"),
            AnyType(record, "NewValue"),
            RequiredString(record, "CreatedById"),
            RequiredDateTime(record, "CreatedDate"));

    public static OpportunitySnapshot ParseSnapshot(JsonElement record) =>
        new(
            RequiredString(record, "Id"),
            RequiredString(record, "OpportunityId"),
            OptionalString(record, "StageName"),
            OptionalDecimal(record, "Amount"),
            OptionalDate(record, "CloseDate"),
            OptionalDecimal(record, "Probability"),
            OptionalString(record, "ForecastCategory"),
            OptionalDecimal(record, "PrevAmount"),
            OptionalDate(record, "PrevCloseDate"),
            RequiredString(record, "CreatedById"),
            RequiredDateTime(record, "CreatedDate"));

    /// <summary>The CreatedDate of a record if it has a readable one; used to advance past rows that were quarantined.</summary>
    public static DateTimeOffset? TryCreatedDate(JsonElement record) =>
        record.ValueKind == JsonValueKind.Object
        && record.TryGetProperty("CreatedDate", out var value)
        && value.ValueKind == JsonValueKind.String
        && SalesforceDateTime.TryParse(value.GetString(), out var parsed)
            ? parsed
            : null;

    private static string RequiredString(JsonElement record, string name)
    {
        if (record.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"expected a JSON object but found {record.ValueKind}");
        }

        if (!record.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(value.GetString()))
        {
            throw new FormatException($"field '{name}' is missing or not a non-empty string");
        }

        return value.GetString()!;
    }

    private static string? OptionalString(JsonElement record, string name) =>
        record.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>OldValue and NewValue are anyType: a string, number or boolean on the wire, stored as invariant text.</summary>
    private static string? AnyType(JsonElement record, string name)
    {
        if (!record.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => throw new FormatException($"field '{name}' holds a {value.ValueKind}, not a scalar"),
        };
    }

    private static DateTimeOffset RequiredDateTime(JsonElement record, string name)
    {
        var text = RequiredString(record, name);
        return SalesforceDateTime.TryParse(text, out var value)
            ? value
            : throw new FormatException($"field '{name}' is not a Salesforce datetime: '{text}'");
    }

    private static decimal? OptionalDecimal(JsonElement record, string name)
    {
        if (!record.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number)
            ? number
            : throw new FormatException($"field '{name}' is not a number");
    }

    private static DateOnly? OptionalDate(JsonElement record, string name)
    {
        var text = OptionalString(record, name);
        if (text is null)
        {
            return null;
        }

        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new FormatException($"field '{name}' is not a date (yyyy-MM-dd): '{text}'");
    }
}
