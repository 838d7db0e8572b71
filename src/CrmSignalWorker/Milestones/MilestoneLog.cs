using Microsoft.Extensions.Logging;

namespace CrmSignalWorker.Milestones;

internal static partial class MilestoneLog
{
    // Host event ids: 100-999; SLA clocks and incentive periods: 620-639.
    [LoggerMessage(620, LogLevel.Information, "SLA clocks advanced over {Inputs} stored writes up to {Cutoff}: {Events} events stored ({Breaches} breaches), {Open} clocks open")]
    public static partial void SlaClocksAdvanced(this ILogger logger, int inputs, DateTimeOffset cutoff, int events, int breaches, int open);

    [LoggerMessage(621, LogLevel.Debug, "SLA clocks: nothing new up to {Cutoff}")]
    public static partial void SlaClocksIdle(this ILogger logger, DateTimeOffset cutoff);

    [LoggerMessage(622, LogLevel.Warning, "Removed {Clocks} open SLA clocks whose policy is no longer configured")]
    public static partial void SlaClocksOrphaned(this ILogger logger, int clocks);

    [LoggerMessage(623, LogLevel.Information, "SLA clock breached: policy {Policy}, {ObjectName} {RecordId} in {Market}, due {DueAt}")]
    public static partial void SlaBreached(this ILogger logger, string policy, string objectName, string recordId, string market, DateTimeOffset dueAt);

    [LoggerMessage(624, LogLevel.Information, "Job {Job} skipped this tick: another run holds its stream {Stream}")]
    public static partial void DerivationBusy(this ILogger logger, string job, string stream);

    [LoggerMessage(630, LogLevel.Information, "Incentive periods advanced over {Inputs} stored writes up to {Cutoff}: {Events} events stored, {InCommit} records in commit")]
    public static partial void IncentivesAdvanced(this ILogger logger, int inputs, DateTimeOffset cutoff, int events, int inCommit);

    [LoggerMessage(631, LogLevel.Debug, "Incentive periods: nothing new up to {Cutoff}")]
    public static partial void IncentivesIdle(this ILogger logger, DateTimeOffset cutoff);
}
