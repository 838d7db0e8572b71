using CrmSignalWorker.Salesforce.Auth;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace CrmSignalWorker.Health;

/// <summary>
/// A Salesforce token can be had with the configured credentials. The provider hands out its cached token while it
/// is fresh, so a healthy org costs no call; the outcome is also kept for Health:AuthCheckInterval so that a refused
/// credential is not retried by every probe. Concurrent probes share one attempt.
/// </summary>
internal sealed class SalesforceAuthHealthCheck(ISalesforceTokenProvider tokens, IOptions<HealthOptions> options, TimeProvider timeProvider) : IHealthCheck
{
    private readonly Lock _gate = new();
    private Task<HealthCheckResult>? _last;
    private DateTimeOffset _lastStarted;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        Task<HealthCheckResult> attempt;
        lock (_gate)
        {
            var now = timeProvider.GetUtcNow();
            if (_last is null || (_last.IsCompleted && now - _lastStarted >= options.Value.AuthCheckInterval))
            {
                _lastStarted = now;
                _last = AttemptAsync();
            }

            attempt = _last;
        }

        // A probe that gives up leaves the attempt running for the next one rather than cancelling it.
        return attempt.WaitAsync(cancellationToken);
    }

    private async Task<HealthCheckResult> AttemptAsync()
    {
        using var timeout = new CancellationTokenSource(options.Value.CheckTimeout, timeProvider);
        try
        {
            var token = await tokens.GetTokenAsync(timeout.Token);
            return HealthCheckResult.Healthy($"token for {token.InstanceUrl.Host} issued {FailureReason.Duration(timeProvider.GetUtcNow() - token.IssuedAt)} ago");
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"the token endpoint did not answer within {FailureReason.Duration(options.Value.CheckTimeout)}");
        }
        catch (Exception ex) when (ex is SalesforceAuthException or HttpRequestException)
        {
            return HealthCheckResult.Unhealthy(FailureReason.Of(ex));
        }
    }
}
