using System.Diagnostics;
using CrmSignalWorker.Salesforce.Rest;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmSignalWorker.Salesforce.Limits;

/// <summary>
/// Keeps the worker within its share of the org's daily API allocation, which every integration of the org
/// draws on. Fed by each response's Sforce-Limit-Info and by GET /limits, it holds back non-essential
/// polling at or above Salesforce:ApiBudgetShare and all polling after REQUEST_LIMIT_EXCEEDED. The
/// allocation is a rolling 24 hours, so a pause ends by itself once older calls age out.
/// </summary>
public sealed class ApiBudgetGuard(
    SalesforceApiUsage usage,
    IOptions<SalesforceOptions> options,
    SalesforceTelemetry telemetry,
    TimeProvider timeProvider,
    ILogger<ApiBudgetGuard> logger)
{
    private readonly Lock _gate = new();
    private BudgetPause _pause = BudgetPause.None;
    private DateTimeOffset? _pausedSince;

    /// <summary>The current reading and decision.</summary>
    public ApiBudgetState State
    {
        get
        {
            lock (_gate)
            {
                Reevaluate();
                var (used, max) = (usage.Used, usage.Max);
                return new ApiBudgetState(used, max, ShareOf(used, max), options.Value.ApiBudgetShare, _pause, _pausedSince);
            }
        }
    }

    /// <summary>Whether work of <paramref name="demand"/> may call Salesforce now.</summary>
    public bool Allows(ApiDemand demand)
    {
        lock (_gate)
        {
            Reevaluate();
            return demand switch
            {
                ApiDemand.Essential => _pause != BudgetPause.LimitExceeded,
                ApiDemand.NonEssential => _pause == BudgetPause.None,
                _ => true,
            };
        }
    }

    /// <summary>Takes the Sforce-Limit-Info header of a REST response.</summary>
    public void Observe(string? limitInfo)
    {
        usage.Record(limitInfo);
        lock (_gate)
        {
            Reevaluate();
        }
    }

    /// <summary>Salesforce answered REQUEST_LIMIT_EXCEEDED: hold back all polling until <see cref="ObserveLimits"/> shows calls remaining.</summary>
    /// <remarks>Retrying would only add refused calls, so nothing retries it; the /limits check is what ends this pause.</remarks>
    public void ReportLimitExceeded()
    {
        lock (_gate)
        {
            if (_pause != BudgetPause.LimitExceeded)
            {
                Transition(BudgetPause.LimitExceeded);
                logger.BudgetLimitExceeded(options.Value.LimitsCheckInterval);
            }
        }
    }

    /// <summary>Takes a GET /limits reading; calls remaining end a REQUEST_LIMIT_EXCEEDED pause.</summary>
    public void ObserveLimits(ApiLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        usage.Record(limits.Used, limits.Max);
        logger.LimitsRead(limits.Remaining, limits.Max);
        lock (_gate)
        {
            if (_pause == BudgetPause.LimitExceeded && limits.Remaining > 0)
            {
                Transition(BudgetPause.None);
            }

            Reevaluate();
        }
    }

    /// <summary>
    /// Moves between "none" and "share exceeded" as the reported usage crosses the threshold. A
    /// REQUEST_LIMIT_EXCEEDED pause is left alone: a header on the refusal itself may still show spare calls
    /// (usage counters lag), so only a /limits reading with calls remaining ends it.
    /// </summary>
    private void Reevaluate()
    {
        if (_pause == BudgetPause.LimitExceeded)
        {
            return;
        }

        var (used, max) = (usage.Used, usage.Max);
        var over = ShareOf(used, max) is { } share && share >= options.Value.ApiBudgetShare;
        if (over && _pause == BudgetPause.None)
        {
            Transition(BudgetPause.ShareExceeded);
            logger.BudgetShareExceeded(used!.Value, max!.Value, ShareOf(used, max)!.Value, options.Value.ApiBudgetShare);
        }
        else if (!over && _pause == BudgetPause.ShareExceeded)
        {
            Transition(BudgetPause.None);
        }
    }

    private void Transition(BudgetPause next)
    {
        var now = timeProvider.GetUtcNow();
        if (_pause != BudgetPause.None)
        {
            logger.BudgetResumed(_pause, now - (_pausedSince ?? now), usage.Used, usage.Max);
            telemetry.BudgetResumes.Add(1, new TagList { { "reason", ReasonTag(_pause) } });
        }

        _pause = next;
        _pausedSince = next == BudgetPause.None ? null : now;
        if (next != BudgetPause.None)
        {
            telemetry.BudgetPauses.Add(1, new TagList { { "reason", ReasonTag(next) } });
        }
    }

    /// <summary>The metric tag of a pause reason.</summary>
    public static string ReasonTag(BudgetPause pause) => pause switch
    {
        BudgetPause.ShareExceeded => "share_exceeded",
        BudgetPause.LimitExceeded => "limit_exceeded",
        _ => "none",
    };

    private static double? ShareOf(long? used, long? max) => used is { } u && max is { } m && m > 0 ? (double)u / m : null;
}
