namespace CrmSignalWorker.Storage.Outbox;

/// <summary>A notification waiting to be sent.</summary>
/// <param name="IdempotencyKey">Unique per logical message; enqueueing the same key twice keeps one row.</param>
/// <param name="Channel">The sender that delivers it, e.g. <c>slack</c> or <c>email</c>.</param>
/// <param name="Destination">A route name resolved from configuration at send time, so secrets such as webhook URLs never sit in the table.</param>
/// <param name="Payload">The rendered message as JSON.</param>
public sealed record OutboxItem(string IdempotencyKey, string Channel, string Destination, string Payload);

/// <summary>A claimed outbox row.</summary>
public sealed record OutboxEntry(long Id, string IdempotencyKey, string Channel, string Destination, string Payload, int Attempts);

public enum OutboxOutcomeKind
{
    Sent,
    RetryLater,
    Failed,
}

/// <summary>What a send attempt came to; <see cref="Error"/> is stored for operators and must hold no secret.</summary>
public sealed record OutboxOutcome(OutboxOutcomeKind Kind, DateTimeOffset? NextAttemptAt = null, string? Error = null)
{
    public static OutboxOutcome Sent { get; } = new(OutboxOutcomeKind.Sent);
}
