using CrmSignalWorker.Storage.Leases;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmSignalWorker.Hosting;

/// <summary>
/// Keeps trying to hold the scheduler lease; the replica that holds it runs the scheduled jobs (polls, evaluations,
/// digests). The others stand by and take over within one lease lifetime when the leader stops renewing.
/// </summary>
public sealed class LeaderElection(
    LeaseStore leases,
    WorkerIdentity identity,
    IOptions<LeaseOptions> options,
    TimeProvider timeProvider,
    ILogger<LeaderElection> logger) : BackgroundService
{
    public const string LeaseName = "scheduler";

    private volatile bool _isLeader;

    public bool IsLeader => _isLeader;

    /// <summary>
    /// Decides leadership before the jobs start (hosted services start in order), so the leader's first poll runs at
    /// once instead of one interval later.
    /// </summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await TryLeadAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(options.Value.RenewInterval, timeProvider, stoppingToken);
                await TryLeadAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            if (_isLeader)
            {
                _isLeader = false;
                // Hand over at once on a clean stop instead of making the next leader wait out the lease.
                await leases.ReleaseOnStopAsync(LeaseName, identity.Holder, logger);
                logger.LeadershipReleased(identity.Holder);
            }
        }
    }

    /// <summary>Returns once this replica leads; checks as often as leadership is renewed.</summary>
    public async Task WaitUntilLeaderAsync(CancellationToken ct)
    {
        while (!_isLeader)
        {
            await Task.Delay(options.Value.RenewInterval, timeProvider, ct);
        }
    }

    /// <summary>One acquire-or-renew; a database error counts as not leading, so two replicas never both believe they lead.</summary>
    public async Task<bool> TryLeadAsync(CancellationToken ct)
    {
        bool leads;
        try
        {
            leads = await leases.TryAcquireAsync(LeaseName, identity.Holder, options.Value.Ttl, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LeaseCheckFailed(ex, LeaseName);
            leads = false;
        }

        if (leads != _isLeader)
        {
            if (leads)
            {
                logger.LeadershipTaken(identity.Holder);
            }
            else
            {
                logger.LeadershipLost(identity.Holder);
            }
        }

        _isLeader = leads;
        return leads;
    }
}
