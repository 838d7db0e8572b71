using Dapper;
using Npgsql;

namespace CrmSignalWorker.Storage.Scoping;

/// <summary>
/// Makes sure the scoped role exists, that the worker's user may switch to it, and that it may read the scoped tables
/// of this database. Idempotent; run at start-up when API tokens are configured.
/// </summary>
/// <remarks>
/// Roles are cluster-wide, so workers of other databases on the same server (parallel test databases, several
/// installations) may create or grant the same role at the same moment: losing that race is success. Replicas of one
/// installation serialise on an advisory lock of this database, since concurrent GRANTs on one table can fail.
/// </remarks>
public sealed class ScopedRoleProvisioner(NpgsqlDataSource dataSource)
{
    private const long AdvisoryLockKey = 0x43524D53434F5045; // "CRMSCOPE"

    public async Task EnsureAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(@key)", new { key = AdvisoryLockKey }, tx, cancellationToken: ct));
        var (user, schema) = await connection.QuerySingleAsync<(string, string)>(
            new CommandDefinition("SELECT current_user::text, current_schema()::text", transaction: tx, cancellationToken: ct));
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(
                $"""
                DO $$
                BEGIN
                    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{ScopedReadRole.Name}') THEN
                        BEGIN
                            CREATE ROLE {ScopedReadRole.Name} NOLOGIN;
                        EXCEPTION WHEN duplicate_object OR unique_violation THEN
                            NULL; -- another database's worker created it in the meantime
                        END;
                    END IF;
                    IF NOT pg_has_role(current_user, '{ScopedReadRole.Name}', 'MEMBER') THEN
                        BEGIN
                            EXECUTE format('GRANT {ScopedReadRole.Name} TO %I', current_user);
                        EXCEPTION WHEN unique_violation THEN
                            NULL; -- granted concurrently by another database's worker
                        END;
                    END IF;
                END
                $$
                """, transaction: tx, cancellationToken: ct));
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            throw new MarketScopingUnavailableException(
                $"API tokens are configured (Api:Tokens), and their reads need the Postgres role {ScopedReadRole.Name}, but the database user " +
                $"'{user}' can neither create it (that needs CREATEROLE) nor make itself a member (that needs ADMIN OPTION on the role): {ex.MessageText}. " +
                $"Have a database administrator run once per server: CREATE ROLE {ScopedReadRole.Name} NOLOGIN; GRANT {ScopedReadRole.Name} TO \"{user}\";",
                ex);
        }

        // Grants of the role to this database's tables; the owner (the worker's user) may always give them.
        await connection.ExecuteAsync(new CommandDefinition(
            $"""
            GRANT USAGE ON SCHEMA "{schema.Replace("\"", "\"\"", StringComparison.Ordinal)}" TO {ScopedReadRole.Name};
            GRANT SELECT ON {string.Join(", ", ScopedReadRole.Tables)} TO {ScopedReadRole.Name};
            """, transaction: tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
    }
}
