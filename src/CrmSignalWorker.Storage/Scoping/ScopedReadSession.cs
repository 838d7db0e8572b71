using System.Data;
using CrmSignalWorker.Core.Access;
using Dapper;
using Npgsql;

namespace CrmSignalWorker.Storage.Scoping;

/// <summary>
/// A read-only transaction running as <see cref="ScopedReadRole.Name"/> with the caller's markets set: every query
/// through it, however it is written, sees only rows of those markets. Disposing it rolls back, which also undoes the
/// role and the settings, so the pooled connection goes back clean.
/// </summary>
public sealed class ScopedReadSession : IAsyncDisposable
{
    private ScopedReadSession(NpgsqlConnection connection, NpgsqlTransaction transaction, MarketScope scope)
    {
        Connection = connection;
        Transaction = transaction;
        Scope = scope;
    }

    public NpgsqlConnection Connection { get; }

    public NpgsqlTransaction Transaction { get; }

    public MarketScope Scope { get; }

    internal static async Task<ScopedReadSession> BeginAsync(NpgsqlDataSource dataSource, MarketScope scope, CancellationToken ct)
    {
        var connection = await dataSource.OpenConnectionAsync(ct);
        try
        {
            // Repeatable read: the timeline's two queries see one snapshot.
            var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
            // SET LOCAL and set_config(…, true) last until the transaction ends, never beyond it.
            await connection.ExecuteAsync(new CommandDefinition(
                $"""
                SET TRANSACTION READ ONLY;
                SET LOCAL ROLE {ScopedReadRole.Name};
                SELECT set_config('{ScopedReadRole.MarketsSetting}', @markets::text, true),
                       set_config('{ScopedReadRole.AllMarketsSetting}', @all, true);
                """,
                new { markets = scope.Markets.ToArray(), all = scope.AllMarkets ? "on" : "off" },
                transaction,
                cancellationToken: ct));
            return new ScopedReadSession(connection, transaction, scope);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Transaction.DisposeAsync();
        await Connection.DisposeAsync();
    }
}
