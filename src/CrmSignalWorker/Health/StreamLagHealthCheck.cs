using System.Globalization;
using CrmSignalWorker.Telemetry;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CrmSignalWorker.Health;

/// <summary>Every change stream the worker runs is within Health:MaxStreamLag of current.</summary>
internal sealed class StreamLagHealthCheck(
    StreamLagCalculator calculator,
    WorkerStateReader state,
    IOptions<HealthOptions> options,
    TimeProvider timeProvider) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var topics = calculator.Topics;
        if (topics.Count == 0)
        {
            return HealthCheckResult.Healthy("change streams are off (PubSub:Endpoint is not set)");
        }

        IReadOnlyDictionary<string, DateTimeOffset?> watermarks;
        try
        {
            watermarks = await state.ReadWatermarksAsync(topics, cancellationToken);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("cannot read the stream checkpoints: " + FailureReason.Of(ex));
        }

        var max = options.Value.MaxStreamLag;
        var lags = topics.Select(t => calculator.Of(t, watermarks.GetValueOrDefault(t))).ToList();
        var lagging = lags.Where(l => l.Lag > max).ToList();
        if (lagging.Count > 0)
        {
            return HealthCheckResult.Unhealthy(string.Join("; ", lagging.Select(l => Describe(l, max))));
        }

        var largest = lags.MaxBy(l => l.Lag)!;
        return HealthCheckResult.Healthy(
            $"{lags.Count} streams within {FailureReason.Duration(max)}; the furthest behind is {largest.Topic} at {FailureReason.Duration(largest.Lag)}");
    }

    private string Describe(StreamLag lag, TimeSpan max)
    {
        var now = timeProvider.GetUtcNow();
        var stored = lag.Watermark is { } w ? $"newest stored event committed {FailureReason.Duration(now - w)} ago" : "no event stored yet";
        var activity = lag.Activity switch
        {
            { SubscribedAt: null } => "this process has not subscribed to it",
            { CaughtUpAt: { } caughtUp } => $"last keep-alive {FailureReason.Duration(now - caughtUp)} ago",
            { SubscribedAt: { } subscribed } => $"no keep-alive since it subscribed at {subscribed.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture)} UTC",
        };
        return $"{lag.Topic} is {FailureReason.Duration(lag.Lag)} behind (limit {FailureReason.Duration(max)}): {stored}, {activity}";
    }
}
