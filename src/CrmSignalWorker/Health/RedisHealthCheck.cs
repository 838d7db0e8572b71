using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace CrmSignalWorker.Health;

/// <summary>Redis, where flag state is mirrored for other automations, answers PING.</summary>
internal sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        // A PING sent while disconnected waits in the backlog for a reconnect; say so at once instead.
        if (!redis.IsConnected)
        {
            return HealthCheckResult.Unhealthy("not connected; the client keeps reconnecting");
        }

        try
        {
            var latency = await redis.GetDatabase().PingAsync().WaitAsync(cancellationToken);
            return HealthCheckResult.Healthy($"PING answered in {latency.TotalMilliseconds:0} ms");
        }
        catch (RedisException ex)
        {
            return HealthCheckResult.Unhealthy(FailureReason.Of(ex));
        }
    }
}
