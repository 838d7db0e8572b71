using System.Text.Json;
using CrmSignalWorker.Digests;
using CrmSignalWorker.Hosting;
using CrmSignalWorker.Notifications;
using CrmSignalWorker.Notifications.Email;
using CrmSignalWorker.Notifications.Slack;
using CrmSignalWorker.Storage.Outbox;
using CrmSignalWorker.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmSignalWorker.Delivery;

/// <summary>
/// Sends due outbox rows through their channel's sender. Transient failures are retried with backoff
/// (Retry-After honoured); permanent ones and exhausted retries are parked as failed, never deleted.
/// </summary>
public sealed class OutboxDispatcher(
    OutboxStore store,
    ISlackWebhookSender slack,
    IEmailSender email,
    IOptions<SlackOptions> slackOptions,
    IOptions<OutboxOptions> options,
    WorkerTelemetry telemetry,
    TimeProvider timeProvider,
    ILogger<OutboxDispatcher> logger) : IPeriodicJob
{
    public string Name => "outbox-dispatch";

    public TimeSpan Interval => options.Value.PollInterval;

    /// <summary>Every replica sends: rows are claimed with FOR UPDATE SKIP LOCKED, so none goes out twice.</summary>
    public bool LeaderOnly => false;

    public async Task RunOnceAsync(CancellationToken ct)
    {
        var passStarted = timeProvider.GetUtcNow();
        while (!ct.IsCancellationRequested && await store.ProcessNextAsync(passStarted, SendAsync, ct))
        {
        }
    }

    private async Task<OutboxOutcome> SendAsync(OutboxEntry entry)
    {
        var attempt = entry.Attempts + 1;
        using var activity = WorkerTelemetry.Source.StartActivity("outbox.send");
        activity?.SetTag("crmsignal.channel", entry.Channel);
        // Deliberately not cancellable: see OutboxStore.ProcessNextAsync. The senders bound each attempt with their own timeout.
        var ct = CancellationToken.None;
        try
        {
            switch (entry.Channel)
            {
                case DigestComposer.SlackChannel:
                    var webhook = slackOptions.Value.WebhookUrl
                        ?? throw new DeliveryException("Slack:WebhookUrl is not configured", isTransient: true);
                    await slack.SendAsync(webhook, Deserialize<SlackWebhookMessage>(entry), entry.IdempotencyKey, ct);
                    break;
                case DigestComposer.EmailChannel:
                    await email.SendAsync(Deserialize<EmailMessage>(entry), entry.IdempotencyKey, ct);
                    break;
                default:
                    throw new DeliveryException($"no sender for channel '{entry.Channel}'", isTransient: false);
            }

            logger.OutboxSent(entry.Id, entry.Channel, attempt);
            telemetry.NotificationsSent.Add(1, new KeyValuePair<string, object?>("channel", entry.Channel));
            return OutboxOutcome.Sent;
        }
        catch (DeliveryException ex) when (ex.IsTransient && attempt < options.Value.MaxAttempts)
        {
            var next = timeProvider.GetUtcNow() + RetryBackoff.After(attempt, options.Value.RetryBaseDelay, options.Value.RetryMaxDelay, ex.RetryAfter);
            logger.OutboxRetry(entry.Id, entry.Channel, attempt, next, ex.Message);
            CountFailure(entry.Channel, retried: true);
            return new OutboxOutcome(OutboxOutcomeKind.RetryLater, next, ex.Message);
        }
        catch (DeliveryException ex)
        {
            logger.OutboxParked(entry.Id, entry.Channel, attempt, ex.Message);
            CountFailure(entry.Channel, retried: false);
            return new OutboxOutcome(OutboxOutcomeKind.Failed, Error: ex.Message);
        }
        catch (Exception ex) when (attempt < options.Value.MaxAttempts)
        {
            // A failure no sender classified: back off like a transient one, so one odd row cannot block the queue.
            var next = timeProvider.GetUtcNow() + RetryBackoff.After(attempt, options.Value.RetryBaseDelay, options.Value.RetryMaxDelay, retryAfter: null);
            logger.OutboxRetry(entry.Id, entry.Channel, attempt, next, ex.GetType().Name);
            CountFailure(entry.Channel, retried: true);
            return new OutboxOutcome(OutboxOutcomeKind.RetryLater, next, $"unexpected {ex.GetType().Name}");
        }
        catch (Exception ex)
        {
            logger.OutboxParked(entry.Id, entry.Channel, attempt, ex.GetType().Name);
            CountFailure(entry.Channel, retried: false);
            return new OutboxOutcome(OutboxOutcomeKind.Failed, Error: $"unexpected {ex.GetType().Name}");
        }
    }

    private void CountFailure(string channel, bool retried) =>
        telemetry.SendFailures.Add(1, new KeyValuePair<string, object?>("channel", channel), new KeyValuePair<string, object?>("retried", retried));

    private static T Deserialize<T>(OutboxEntry entry)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(entry.Payload)
                ?? throw new DeliveryException($"outbox payload of {entry.IdempotencyKey} is empty", isTransient: false);
        }
        catch (JsonException ex)
        {
            throw new DeliveryException($"outbox payload of {entry.IdempotencyKey} is not a {typeof(T).Name}: {ex.Message}", isTransient: false, innerException: ex);
        }
    }
}
