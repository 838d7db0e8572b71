using CrmSignalWorker.Core.Actors;
using Dapper;
using Npgsql;

namespace CrmSignalWorker.Storage.Actors;

/// <summary>The actor directory as stored: every Salesforce user seen, with its classification.</summary>
public sealed class UserStore(NpgsqlDataSource dataSource)
{
    public async Task<int> UpsertAsync(IReadOnlyList<(SalesforceUser User, Actor Actor)> users, DateTimeOffset syncedAt, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(users);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var rows = users.Select(u => new
        {
            u.User.Id,
            u.User.Name,
            u.User.UserType,
            u.User.ProfileName,
            u.User.RoleName,
            u.User.Market,
            u.User.IsActive,
            ActorKind = DbText.Of(u.Actor.Kind),
            u.Actor.Team,
            SyncedAt = syncedAt.ToUniversalTime(),
        });
        var written = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO crm_user (id, name, user_type, profile_name, role_name, market, is_active, actor_kind, team, synced_at)
            VALUES (@Id, @Name, @UserType, @ProfileName, @RoleName, @Market, @IsActive, @ActorKind, @Team, @SyncedAt)
            ON CONFLICT (id) DO UPDATE SET
                name = EXCLUDED.name, user_type = EXCLUDED.user_type, profile_name = EXCLUDED.profile_name,
                role_name = EXCLUDED.role_name, market = EXCLUDED.market, is_active = EXCLUDED.is_active,
                actor_kind = EXCLUDED.actor_kind, team = EXCLUDED.team, synced_at = EXCLUDED.synced_at
            """, rows, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return written;
    }

    public async Task<int> CountAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition("SELECT count(*)::int FROM crm_user", cancellationToken: ct));
    }
}
