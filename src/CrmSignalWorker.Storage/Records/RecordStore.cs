using CrmSignalWorker.Core.Changes;
using CrmSignalWorker.Storage.Ingest;
using Dapper;
using Npgsql;

namespace CrmSignalWorker.Storage.Records;

/// <summary>The tracked records' segmentation fields, upserted with the records' sync checkpoint.</summary>
public sealed class RecordStore(NpgsqlDataSource dataSource, TimeProvider timeProvider)
{
    // Change streams ask for the markets of every response's records; most were asked for minutes ago.
    private readonly RecordMarketCache _markets = new(timeProvider);

    public async Task UpsertAsync(IReadOnlyList<CrmRecord> records, Checkpoint checkpoint, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(checkpoint);
        var now = timeProvider.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        // One statement for the page (arrays unnested server-side) rather than a round trip per record.
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO crm_record (id, object_name, name, owner_id, market, modified_at, synced_at)
            SELECT id, object_name, name, owner_id, market, modified_at, @SyncedAt
              FROM unnest(@Ids, @ObjectNames, @Names, @OwnerIds, @Markets, @ModifiedAts)
                   AS r(id, object_name, name, owner_id, market, modified_at)
            ON CONFLICT (id) DO UPDATE SET
                name = EXCLUDED.name, owner_id = EXCLUDED.owner_id, market = EXCLUDED.market,
                modified_at = EXCLUDED.modified_at, synced_at = EXCLUDED.synced_at
             WHERE crm_record.modified_at <= EXCLUDED.modified_at
            """,
            new
            {
                Ids = records.Select(r => r.Id).ToArray(),
                ObjectNames = records.Select(r => r.ObjectName).ToArray(),
                Names = records.Select(r => r.Name).ToArray(),
                OwnerIds = records.Select(r => r.OwnerId).ToArray(),
                Markets = records.Select(r => r.Market).ToArray(),
                ModifiedAts = records.Select(r => r.ModifiedAt.UtcDateTime).ToArray(),
                SyncedAt = now.ToUniversalTime(),
            },
            tx,
            cancellationToken: ct));
        await CheckpointWriter.WriteAsync(connection, tx, checkpoint, now, ct);
        await tx.CommitAsync(ct);
        _markets.Forget(records.Select(r => r.Id));
    }

    /// <summary>The market of each given record that has one.</summary>
    public async Task<IReadOnlyDictionary<string, string>> MarketsAsync(IReadOnlyCollection<string> recordIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(recordIds);
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        var missing = _markets.Lookup(recordIds, found, out var version);
        if (missing.Count == 0)
        {
            return found;
        }

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<(string Id, string Market)>(new CommandDefinition(
            "SELECT id, market FROM crm_record WHERE id = ANY(@ids) AND market IS NOT NULL",
            new { ids = missing.ToArray() },
            cancellationToken: ct));
        var stored = rows.ToDictionary(r => r.Id, r => r.Market, StringComparer.Ordinal);
        _markets.Remember(missing, stored, version);
        foreach (var (id, market) in stored)
        {
            found[id] = market;
        }

        return found;
    }
}
