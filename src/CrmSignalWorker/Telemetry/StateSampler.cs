using CrmSignalWorker.Health;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CrmSignalWorker.Telemetry;

/// <summary>Reads the Postgres-backed gauges every Metrics:GaugeRefreshInterval, on start first.</summary>
internal sealed class StateSampler(
    WorkerStateReader reader,
    StateGauges gauges,
    StreamLagCalculator streams,
    IOptions<MetricsOptions> options,
    TimeProvider timeProvider,
    ILogger<StateSampler> logger) : BackgroundService
{
    private bool _failing;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.GaugeRefreshInterval, timeProvider);
        do
        {
            await SampleAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    internal async Task SampleAsync(CancellationToken ct)
    {
        try
        {
            gauges.Update(await reader.ReadAsync(streams.Topics, ct));
            if (_failing)
            {
                _failing = false;
                logger.GaugeRefreshRecovered();
            }
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            // Logged once per outage: the Postgres probe and the jobs report the outage itself.
            if (!_failing)
            {
                _failing = true;
                logger.GaugeRefreshFailed(FailureReason.Of(ex));
            }
        }
    }
}
