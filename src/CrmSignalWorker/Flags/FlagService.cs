using CrmSignalWorker.Core.Flags;
using CrmSignalWorker.Storage.Flags;
using Microsoft.Extensions.Logging;

namespace CrmSignalWorker.Flags;

/// <summary>
/// Pauses and resumes automations. Postgres is written first and is the source of truth; Redis is told
/// next, and when Redis is down the change still stands and <see cref="FlagReconciler"/> mirrors it later.
/// </summary>
public sealed class FlagService(FlagStore store, RedisFlagMirror mirror, TimeProvider timeProvider, ILogger<FlagService> logger)
{
    public Task<FlagChangeResult> PauseAsync(string automation, string reason, string changedBy, CancellationToken ct) =>
        SetAsync(automation, paused: true, reason, changedBy, ct);

    public Task<FlagChangeResult> ResumeAsync(string automation, string reason, string changedBy, CancellationToken ct) =>
        SetAsync(automation, paused: false, reason, changedBy, ct);

    public Task<IReadOnlyList<StopFlag>> ListAsync(CancellationToken ct) => store.ListAsync(ct);

    private async Task<FlagChangeResult> SetAsync(string automation, bool paused, string reason, string changedBy, CancellationToken ct)
    {
        if (FlagName.Validate(automation) is { } problem)
        {
            throw new ArgumentException(problem, nameof(automation));
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new ArgumentException("a reason is required (--reason)", nameof(reason));
        }

        if (string.IsNullOrWhiteSpace(changedBy))
        {
            throw new ArgumentException("the person making the change is required (--by)", nameof(changedBy));
        }

        var flag = await store.SetAsync(new StopFlag(automation, paused, reason.Trim(), changedBy.Trim(), timeProvider.GetUtcNow()), ct);
        logger.FlagChanged(flag.Automation, paused ? "paused" : "resumed", flag.ChangedBy);
        try
        {
            await mirror.MirrorAsync(flag);
            return new FlagChangeResult(flag, MirroredToRedis: true);
        }
        catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException)
        {
            logger.FlagMirrorFailed(ex, flag.Automation);
            return new FlagChangeResult(flag, MirroredToRedis: false);
        }
    }
}

public sealed record FlagChangeResult(StopFlag Flag, bool MirroredToRedis);
