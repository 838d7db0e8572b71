using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace CrmSignalWorker.Health;

/// <summary>The worker's database answers a query over the pool every job uses.</summary>
internal sealed class PostgresHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = dataSource.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy("answers queries");
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            // No exception on the result: the health-check service would log it whole on every probe.
            return HealthCheckResult.Unhealthy(FailureReason.Of(ex));
        }
    }
}
