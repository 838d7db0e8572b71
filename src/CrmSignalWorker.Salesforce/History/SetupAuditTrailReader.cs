using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CrmSignalWorker.Core.Audit;
using CrmSignalWorker.Core.Changes;
using CrmSignalWorker.Salesforce.Rest;
using Microsoft.Extensions.Logging;

namespace CrmSignalWorker.Salesforce.History;

/// <summary>Reads the Setup audit trail from a watermark, page by page, in (CreatedDate, Id) order.</summary>
public sealed class SetupAuditTrailReader(SalesforceRestClient rest, TimeProvider timeProvider, ILogger<SetupAuditTrailReader> logger)
{
    /// <summary>The quarantine source of rows that could not be read, the same name as their checkpoint stream.</summary>
    public const string Source = "audit:" + SetupAuditTrailQuery.ObjectName;

    public async IAsyncEnumerable<SetupAuditPage> ReadAsync(DateTimeOffset since, [EnumeratorCancellation] CancellationToken ct)
    {
        // query, not queryAll: audit rows are never deleted, they age out after 180 days.
        await foreach (var page in rest.QueryAsync(SetupAuditTrailQuery.For(since), includeDeleted: false, ct))
        {
            var rows = new List<SetupAuditRow>(page.Records.Count);
            var quarantined = new List<QuarantinedPayload>();
            DateTimeOffset? watermark = null;
            foreach (var record in page.Records)
            {
                if (HistoryRowParser.TryCreatedDate(record) is { } created && (watermark is null || created > watermark))
                {
                    watermark = created;
                }

                try
                {
                    rows.Add(SetupAuditRowParser.Parse(record));
                }
                catch (FormatException ex)
                {
                    logger.RowQuarantined(SetupAuditTrailQuery.ObjectName, ex.Message);
                    quarantined.Add(Quarantine(record, ex.Message));
                }
            }

            yield return new SetupAuditPage(rows, quarantined, watermark);
        }
    }

    private QuarantinedPayload Quarantine(JsonElement record, string reason)
    {
        var payload = record.GetRawText();
        var key = record.ValueKind == JsonValueKind.Object && record.TryGetProperty("Id", out var id) && id.ValueKind == JsonValueKind.String
            ? id.GetString()!
            : "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(payload)));
        return new QuarantinedPayload(Source, key, reason, payload, timeProvider.GetUtcNow());
    }
}
