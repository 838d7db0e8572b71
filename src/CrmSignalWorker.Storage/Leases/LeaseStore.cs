using Dapper;
using Npgsql;

namespace CrmSignalWorker.Storage.Leases;

/// <summary>
/// Leases in Postgres: one holder per name, taken over only once expired. Postgres is already the one thing every
/// replica shares, so it arbitrates; there is no separate coordinator to run.
/// </summary>
public sealed class LeaseStore(NpgsqlDataSource dataSource)
{
    /// <summary>Takes the lease, or renews it when <paramref name="holder"/> already has it.</summary>
    /// <returns>True when <paramref name="holder"/> holds the lease for <paramref name="ttl"/> from now.</returns>
    public async Task<bool> TryAcquireAsync(string name, string holder, TimeSpan ttl, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var held = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            """
            INSERT INTO lease (name, holder, acquired_at, expires_at)
            VALUES (@name, @holder, clock_timestamp(), clock_timestamp() + @ttl)
            ON CONFLICT (name) DO UPDATE
               SET holder = EXCLUDED.holder,
                   acquired_at = CASE WHEN lease.holder = EXCLUDED.holder THEN lease.acquired_at ELSE EXCLUDED.acquired_at END,
                   expires_at = EXCLUDED.expires_at
             WHERE lease.holder = EXCLUDED.holder OR lease.expires_at < clock_timestamp()
            RETURNING holder
            """, new { name, holder, ttl }, cancellationToken: ct));
        return held == holder;
    }

    /// <summary>Gives the lease up at once (a clean shutdown), so another replica need not wait for it to expire.</summary>
    public async Task ReleaseAsync(string name, string holder, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM lease WHERE name = @name AND holder = @holder", new { name, holder }, cancellationToken: ct));
    }

    /// <summary>The current holder of an unexpired lease, or null.</summary>
    public async Task<string?> HolderAsync(string name, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT holder FROM lease WHERE name = @name AND expires_at > clock_timestamp()", new { name }, cancellationToken: ct));
    }

    /// <summary>Inside a write's transaction: locks the lease row and throws unless the fence's holder still has it.</summary>
    internal static async Task VerifyAsync(NpgsqlConnection connection, NpgsqlTransaction tx, LeaseFence fence, CancellationToken ct)
    {
        // FOR SHARE keeps a taker from changing the row until this transaction ends, so the check holds through the commit.
        var holds = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            """
            SELECT EXISTS (SELECT 1 FROM lease WHERE name = @Name AND holder = @Holder AND expires_at > clock_timestamp() FOR SHARE)
            """, fence, tx, cancellationToken: ct));
        if (!holds)
        {
            throw new LeaseLostException(fence.Name, fence.Holder);
        }
    }
}
