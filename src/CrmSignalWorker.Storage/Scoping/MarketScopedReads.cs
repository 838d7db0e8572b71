using CrmSignalWorker.Core.Access;
using Npgsql;

namespace CrmSignalWorker.Storage.Scoping;

/// <summary>Opens the sessions API reads run in; the only way the API reaches the database.</summary>
public sealed class MarketScopedReads(NpgsqlDataSource dataSource)
{
    public Task<ScopedReadSession> BeginAsync(MarketScope scope, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return ScopedReadSession.BeginAsync(dataSource, scope, ct);
    }
}
