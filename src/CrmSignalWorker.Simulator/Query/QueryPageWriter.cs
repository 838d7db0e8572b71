using System.Text.Json;
using CrmSignalWorker.Simulator.Data;

namespace CrmSignalWorker.Simulator.Query;

/// <summary>Writes one page of a query result: totalSize, done, nextRecordsUrl (while more remain) and records.</summary>
internal sealed class QueryPageWriter(OrgDatabase database, string apiVersion)
{
    public byte[] Write(QueryResult result, int offset, int count, string? nextRecordsUrl) =>
        SalesforceJson.Render(writer =>
        {
            writer.WriteStartObject();
            writer.WriteNumber("totalSize", result.Records.Count);
            writer.WriteBoolean("done", nextRecordsUrl is null);
            if (nextRecordsUrl is not null)
            {
                writer.WriteString("nextRecordsUrl", nextRecordsUrl);
            }

            writer.WriteStartArray("records");
            for (var i = offset; i < offset + count; i++)
            {
                WriteRecord(writer, result.Records[i], result.Selection);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        });

    private void WriteRecord(Utf8JsonWriter writer, SObjectRecord record, Selection selection)
    {
        writer.WriteStartObject();
        writer.WriteStartObject("attributes");
        writer.WriteString("type", selection.Type.Name);
        writer.WriteString("url", $"/services/data/{apiVersion}/sobjects/{selection.Type.Name}/{record.Id}");
        writer.WriteEndObject();
        foreach (var member in selection.Members)
        {
            writer.WritePropertyName(member.Name);
            if (member.Field is not null)
            {
                SalesforceJson.WriteValue(writer, record[member.Field.Name]);
            }
            else if (database.Follow(record, member.Relationship!) is { } related)
            {
                WriteRecord(writer, related, member.Child!);
            }
            else
            {
                writer.WriteNullValue();
            }
        }

        writer.WriteEndObject();
    }
}

/// <summary>A query's full result, kept whole so every page of one locator sees the same rows.</summary>
internal sealed record QueryResult(IReadOnlyList<SObjectRecord> Records, Selection Selection);
