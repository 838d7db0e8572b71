namespace CrmSignalWorker.Core.Watch;

/// <summary>One change stream as last stored: when it last committed, and the newest commit time it covered.</summary>
public sealed record StreamPosition(string Stream, DateTimeOffset? StoredAt, DateTimeOffset? NewestCommit);

/// <summary>A delivery channel's recent failures: messages retrying or parked in the last hour.</summary>
public sealed record ReceiverFailures(string Channel, int Failing, string? LastError);

/// <summary>The worker's own state at one instant, as the watch rules need it.</summary>
/// <param name="ApiShare">Share of the daily API allocation used, when Salesforce has reported it.</param>
public sealed record WatchSnapshot(
    DateTimeOffset Now,
    IReadOnlyList<StreamPosition> Streams,
    double? ApiShare,
    int QuarantinedLastHour,
    IReadOnlyList<ReceiverFailures> Receivers);
