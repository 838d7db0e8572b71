using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CrmSignalWorker.Core.Changes;
using CrmSignalWorker.Core.Normalization;
using CrmSignalWorker.Salesforce.Rest;
using Microsoft.Extensions.Logging;

namespace CrmSignalWorker.Salesforce.History;

/// <summary>Reads a field-history object (or OpportunityHistory) from a watermark, page by page, in (CreatedDate, Id) order.</summary>
public sealed class HistoryReader(SalesforceRestClient rest, TimeProvider timeProvider, ILogger<HistoryReader> logger)
{
    /// <param name="includeDeleted">Use queryAll, so rows of records deleted since are read too.</param>
    public IAsyncEnumerable<HistoryPage> ReadAsync(string historyObject, DateTimeOffset since, bool includeDeleted, CancellationToken ct) =>
        ReadQueryAsync(historyObject, HistoryQuery.For(historyObject, since), includeDeleted, ct);

    /// <summary>The rows created in [<paramref name="from"/>, <paramref name="to"/>): how a backfill re-reads a closed range.</summary>
    public IAsyncEnumerable<HistoryPage> ReadRangeAsync(string historyObject, DateTimeOffset from, DateTimeOffset to, bool includeDeleted, CancellationToken ct) =>
        ReadQueryAsync(historyObject, HistoryQuery.For(historyObject, from, to), includeDeleted, ct);

    /// <summary>The history of the named records only, from <paramref name="since"/>.</summary>
    public IAsyncEnumerable<HistoryPage> ReadRecordsAsync(
        string historyObject, IReadOnlyCollection<string> recordIds, DateTimeOffset since, bool includeDeleted, CancellationToken ct) =>
        ReadQueryAsync(historyObject, HistoryQuery.ForRecords(historyObject, recordIds, since), includeDeleted, ct);

    private async IAsyncEnumerable<HistoryPage> ReadQueryAsync(string historyObject, string soql, bool includeDeleted, [EnumeratorCancellation] CancellationToken ct)
    {
        var isSnapshot = historyObject == SalesforceObjects.OpportunityHistory;
        var parentKey = isSnapshot ? "OpportunityId" : HistoryQuery.ParentKeyOf(historyObject);
        await foreach (var page in rest.QueryAsync(soql, includeDeleted, ct))
        {
            var rows = new List<HistoryRow>();
            var snapshots = new List<OpportunitySnapshot>();
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
                    if (isSnapshot)
                    {
                        snapshots.Add(HistoryRowParser.ParseSnapshot(record));
                    }
                    else
                    {
                        rows.Add(HistoryRowParser.ParseFieldHistory(historyObject, parentKey, record));
                    }
                }
                catch (FormatException ex)
                {
                    logger.RowQuarantined(historyObject, ex.Message);
                    quarantined.Add(Quarantine(historyObject, record, ex.Message));
                }
            }

            yield return new HistoryPage(historyObject, rows, snapshots, quarantined, watermark);
        }
    }

    private QuarantinedPayload Quarantine(string historyObject, JsonElement record, string reason)
    {
        var payload = record.GetRawText();
        var key = record.ValueKind == JsonValueKind.Object && record.TryGetProperty("Id", out var id) && id.ValueKind == JsonValueKind.String
            ? id.GetString()!
            : "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(payload)));
        return new QuarantinedPayload($"history:{historyObject}", key, reason, payload, timeProvider.GetUtcNow());
    }
}
