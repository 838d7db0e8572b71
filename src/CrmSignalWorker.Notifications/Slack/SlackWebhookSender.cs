using System.Diagnostics;
using System.Net;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmSignalWorker.Notifications.Slack;

/// <summary>
/// Posts Block Kit messages to Slack incoming webhooks and turns every failure into a
/// <see cref="DeliveryException"/> that says whether retrying can help. Responses are documented at
/// https://api.slack.com/messaging/webhooks#handling_errors. The webhook path is the credential, so
/// only the host ever reaches a log line or an exception message.
/// </summary>
/// <remarks>
/// Incoming webhooks have no idempotency support, so the key is only logged; the outbox guarantees
/// at-least-once and a rare duplicate post is the accepted cost.
/// </remarks>
public sealed class SlackWebhookSender(HttpClient httpClient, IOptions<SlackOptions> options, ILogger<SlackWebhookSender> logger)
    : ISlackWebhookSender
{
    /// <summary>Slack's error bodies are one short word; anything longer is a proxy page we only need the start of.</summary>
    private const int MaxErrorBytes = 4096;
    private const int MaxErrorTextLength = 200;
    private const string Redacted = "[redacted]";

    public async Task SendAsync(string webhookUrl, SlackWebhookMessage message, string idempotencyKey, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentException.ThrowIfNullOrEmpty(idempotencyKey);

        if (!Uri.TryCreate(webhookUrl, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new DeliveryException("The Slack webhook URL is not an absolute http or https URL.", isTransient: false);
        }

        var timeout = options.Value.Timeout;
        using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeoutCts.CancelAfter(timeout);
        var started = Stopwatch.GetTimestamp();

        try
        {
            using var content = new StringContent(message.Body, Encoding.UTF8, "application/json");
            using var response = await httpClient.PostAsync(uri, content, timeoutCts.Token);
            if (response.IsSuccessStatusCode)
            {
                logger.SlackDelivered(uri.Host, idempotencyKey, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                return;
            }

            var slackError = await ReadErrorAsync(response, uri, timeoutCts.Token);
            throw Classify(response, slackError, uri.Host, idempotencyKey);
        }
        catch (OperationCanceledException ex) when (!ct.IsCancellationRequested)
        {
            // Our timeout (or HttpClient's own) fired, not the caller's token: Slack may answer next time.
            logger.SlackTimedOut(uri.Host, idempotencyKey, timeout);
            throw new DeliveryException($"Slack webhook on {uri.Host} did not answer within {timeout}.", isTransient: true, innerException: ex);
        }
        catch (HttpRequestException ex)
        {
            // Connection refused, DNS failure, reset or TLS failure; the message names host and port at most.
            logger.SlackUnreachable(ex, uri.Host, idempotencyKey);
            throw new DeliveryException($"Slack webhook on {uri.Host} is unreachable: {ex.HttpRequestError}.", isTransient: true, innerException: ex);
        }
    }

    private DeliveryException Classify(HttpResponseMessage response, string slackError, string host, string idempotencyKey)
    {
        var status = (int)response.StatusCode;
        var description = $"HTTP {status} ({response.StatusCode})" + (slackError.Length > 0 ? $": {slackError}" : string.Empty);

        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            var retryAfter = RetryAfter(response);
            logger.SlackRateLimited(host, idempotencyKey, retryAfter);
            return new DeliveryException($"Slack rate-limited the webhook post with {description}.", isTransient: true, retryAfter);
        }

        if (status >= 500 || response.StatusCode == HttpStatusCode.RequestTimeout)
        {
            logger.SlackServerError(host, idempotencyKey, status, slackError);
            return new DeliveryException($"Slack failed the webhook post with {description}.", isTransient: true, RetryAfter(response));
        }

        // invalid_payload, no_service, channel_is_archived, action_prohibited…: the same post fails the same way.
        logger.SlackRejected(host, idempotencyKey, status, slackError);
        return new DeliveryException($"Slack rejected the webhook post with {description}.", isTransient: false);
    }

    /// <summary>
    /// Retry-After is either seconds or an HTTP date; a date is measured against the server's own Date
    /// header so our clock's skew does not matter.
    /// </summary>
    private static TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta < TimeSpan.Zero ? TimeSpan.Zero : delta,
        { Date: { } date } when response.Headers.Date is { } serverNow => date > serverNow ? date - serverNow : TimeSpan.Zero,
        _ => null,
    };

    /// <summary>
    /// Slack's error text, cut short and with the webhook path removed: a proxy's 404 page often echoes
    /// the requested path, and that path is the secret.
    /// </summary>
    private static async Task<string> ReadErrorAsync(HttpResponseMessage response, Uri webhook, CancellationToken ct)
    {
        string text;
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(ct);
            var buffer = new byte[MaxErrorBytes];
            var read = await body.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, ct);
            text = Encoding.UTF8.GetString(buffer, 0, read);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            // The status code alone still classifies the failure; a body we cannot read adds nothing.
            return string.Empty;
        }

        text = string.Join(' ', text.Split((char[])['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        foreach (var secret in Secrets(webhook))
        {
            text = text.Replace(secret, Redacted, StringComparison.OrdinalIgnoreCase);
        }

        return TextLimits.Truncate(text, MaxErrorTextLength);
    }

    /// <summary>Longest first, so the whole URL is replaced before its parts.</summary>
    private static IEnumerable<string> Secrets(Uri webhook)
    {
        yield return webhook.OriginalString;
        yield return webhook.AbsoluteUri;
        if (webhook.PathAndQuery.Length > 1)
        {
            yield return webhook.PathAndQuery;
            yield return Uri.UnescapeDataString(webhook.PathAndQuery);
        }

        if (webhook.Segments is [.., var last] && last.Trim('/').Length > 0)
        {
            yield return last.Trim('/');
        }
    }
}
