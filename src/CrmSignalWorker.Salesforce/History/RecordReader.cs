using System.Runtime.CompilerServices;
using System.Text.Json;
using CrmSignalWorker.Core.Changes;
using CrmSignalWorker.Salesforce.Rest;

namespace CrmSignalWorker.Salesforce.History;

/// <summary>
/// Reads records changed since a watermark, by SystemModstamp (which, unlike LastModifiedDate, also
/// moves on system updates), for what segmentation needs: name, owner and market.
/// </summary>
public sealed class RecordReader(SalesforceRestClient rest)
{
    /// <param name="includeDeleted">Use queryAll: a deleted record's earlier changes still need its segment.</param>
    public async IAsyncEnumerable<IReadOnlyList<CrmRecord>> ReadModifiedSinceAsync(
        string objectName, string? marketField, DateTimeOffset since, bool includeDeleted, [EnumeratorCancellation] CancellationToken ct)
    {
        SoqlNames.Ensure(objectName, "object");
        if (marketField is not null)
        {
            SoqlNames.Ensure(marketField, "field");
        }

        var soql = "SELECT Id, Name, OwnerId, SystemModstamp" + (marketField is null ? "" : ", " + marketField)
            + $" FROM {objectName} WHERE SystemModstamp >= {SalesforceDateTime.ToSoqlLiteral(since)} ORDER BY SystemModstamp, Id";
        await foreach (var page in rest.QueryAsync(soql, includeDeleted, ct))
        {
            var records = new List<CrmRecord>(page.Records.Count);
            foreach (var record in page.Records)
            {
                var id = Text(record, "Id") ?? throw new FormatException($"{objectName} row without Id");
                var modified = SalesforceDateTime.TryParse(Text(record, "SystemModstamp"), out var at)
                    ? at
                    : throw new FormatException($"{objectName} {id} has no readable SystemModstamp");
                records.Add(new CrmRecord(objectName, id, Text(record, "Name"), Text(record, "OwnerId"), marketField is null ? null : Text(record, marketField), modified));
            }

            yield return records;
        }
    }

    private static string? Text(JsonElement record, string name) =>
        record.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
