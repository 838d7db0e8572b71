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
        var rows = new
        {
            Ids = users.Select(u => u.User.Id).ToArray(),
            Names = users.Select(u => u.User.Name).ToArray(),
            UserTypes = users.Select(u => u.User.UserType).ToArray(),
            Profiles = users.Select(u => u.User.ProfileName).ToArray(),
            Roles = users.Select(u => u.User.RoleName).ToArray(),
            Markets = users.Select(u => u.User.Market).ToArray(),
            Active = users.Select(u => u.User.IsActive).ToArray(),
            Kinds = users.Select(u => DbText.Of(u.Actor.Kind)).ToArray(),
            Teams = users.Select(u => u.Actor.Team).ToArray(),
            Licenses = users.Select(u => u.User.UserLicenseName).ToArray(),
            Evidence = users.Select(u => u.Actor.KindEvidence).ToArray(),
            SyncedAt = syncedAt.ToUniversalTime(),
        };
        var written = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO crm_user (id, name, user_type, profile_name, role_name, market, is_active, actor_kind, team, user_license, kind_evidence, synced_at)
            SELECT id, name, user_type, profile_name, role_name, market, is_active, actor_kind, team, user_license, kind_evidence, @SyncedAt
              FROM unnest(@Ids, @Names, @UserTypes, @Profiles, @Roles, @Markets, @Active, @Kinds, @Teams, @Licenses, @Evidence)
                   AS u(id, name, user_type, profile_name, role_name, market, is_active, actor_kind, team, user_license, kind_evidence)
            ON CONFLICT (id) DO UPDATE SET
                name = EXCLUDED.name, user_type = EXCLUDED.user_type, profile_name = EXCLUDED.profile_name,
                role_name = EXCLUDED.role_name, market = EXCLUDED.market, is_active = EXCLUDED.is_active,
                actor_kind = EXCLUDED.actor_kind, team = EXCLUDED.team, user_license = EXCLUDED.user_license,
                kind_evidence = EXCLUDED.kind_evidence, synced_at = EXCLUDED.synced_at
            """, rows, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return written;
    }

    /// <summary>The stored directory, for sources that must not call Salesforce on every batch (the change stream).</summary>
    public async Task<ActorDirectory> DirectoryAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<(string Id, string Name, string Kind, string? Team, string? Market)>(new CommandDefinition(
            "SELECT id, name, actor_kind, team, market FROM crm_user", cancellationToken: ct));
        return new ActorDirectory(rows.Select(r => new Actor(r.Id, r.Name, DbText.ActorKindOf(r.Kind), r.Team, r.Market ?? Actor.UnknownMarket)));
    }

    public async Task<int> CountAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition("SELECT count(*)::int FROM crm_user", cancellationToken: ct));
    }
}
