using System.Globalization;
using System.Text.Json;
using CrmSignalWorker.Core.Digests;
using CrmSignalWorker.Core.Signals;
using CrmSignalWorker.Core.Lineage;
using CrmSignalWorker.Hosting;
using CrmSignalWorker.Lineage;
using CrmSignalWorker.Notifications.Email;
using CrmSignalWorker.Notifications.Slack;
using CrmSignalWorker.Salesforce;
using CrmSignalWorker.Signals;
using CrmSignalWorker.Sources;
using CrmSignalWorker.Storage.Ingest;
using CrmSignalWorker.Storage.Outbox;
using CrmSignalWorker.Storage.Signals;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmSignalWorker.Digests;

/// <summary>
/// Builds the daily digest once the audience's local send time has passed and queues it in the outbox,
/// one row per channel. The idempotency key names audience and period, so running again (a restart, a
/// second replica) queues nothing new.
/// </summary>
public sealed class DigestComposer(
    SignalEvaluator evaluator,
    SignalStore signals,
    OutboxStore outbox,
    ChangeStore checkpoints,
    AttributionCoverageReader coverage,
    IOptions<HistoryOptions> history,
    SlackDigestRenderer slackRenderer,
    EmailDigestRenderer emailRenderer,
    IOptions<DigestOptions> options,
    IOptions<SlackOptions> slackOptions,
    IOptions<SalesforceOptions> salesforceOptions,
    TimeProvider timeProvider,
    ILogger<DigestComposer> logger) : IPeriodicJob
{
    public const string SlackChannel = "slack";
    public const string EmailChannel = "email";
    public const string DefaultSlackRoute = "default";

    public string Name => "daily-digest";

    public TimeSpan Interval => options.Value.CheckInterval;

    public async Task RunOnceAsync(CancellationToken ct)
    {
        var settings = options.Value;
        var zone = TimeZoneInfo.FindSystemTimeZoneById(settings.TimeZone);
        var local = TimeZoneInfo.ConvertTime(timeProvider.GetUtcNow(), zone);
        if (TimeOnly.FromDateTime(local.DateTime) < settings.SendAt)
        {
            return;
        }

        var to = DateOnly.FromDateTime(local.DateTime).AddDays(-1);
        var from = to.AddDays(1 - settings.LookbackDays);
        if (await outbox.AnyQueuedAsync(KeyOf(from, to) + ":", ct))
        {
            return;
        }

        // A digest goes out once, so it waits until history has been read past the period's end: a
        // Salesforce outage at send time delays the digest rather than sending it short.
        var periodEnd = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var streams = history.Value.Objects.Select(HistorySync.StreamOf).ToList();
        var polledThrough = await checkpoints.PolledThroughAsync(streams, ct);
        if (polledThrough is null || polledThrough < periodEnd)
        {
            logger.DigestWaitsForHistory(KeyOf(from, to), polledThrough, periodEnd);
            return;
        }

        await ComposeAsync(from, to, ct);
    }

    private string KeyOf(DateOnly from, DateOnly to) =>
        string.Create(CultureInfo.InvariantCulture, $"digest:{options.Value.Audience}:{from:yyyy-MM-dd}:{to:yyyy-MM-dd}");

    /// <summary>Evaluates the period, builds its digest and queues it for every configured channel.</summary>
    public async Task<Digest> ComposeAsync(DateOnly from, DateOnly to, CancellationToken ct)
    {
        var settings = options.Value;
        await evaluator.EvaluateAsync(from, to, ct);
        var values = new List<SignalValue>();
        foreach (var signal in SignalNames.All)
        {
            values.AddRange(await signals.ReadAsync(signal, from, to, ct));
        }

        // Coverage of the same days the digest covers, so a team sees its attribution move day by day.
        var period = new LineageWindow(
            new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
        var digest = new Digest(KeyOf(from, to), settings.Audience, from, to, timeProvider.GetUtcNow(), RecordLinkBase(), values)
        {
            Coverage = await coverage.ReadAsync(period, ct),
        };

        if (settings.Slack && !string.IsNullOrEmpty(slackOptions.Value.WebhookUrl))
        {
            var message = slackRenderer.Render(digest);
            await QueueAsync(digest.Key, SlackChannel, DefaultSlackRoute, JsonSerializer.Serialize(message), ct);
        }

        if (settings.EmailTo.Count > 0)
        {
            var (subject, html, text) = emailRenderer.Render(digest);
            var message = new EmailMessage(settings.EmailTo, subject, html, text);
            await QueueAsync(digest.Key, EmailChannel, string.Join(',', settings.EmailTo), JsonSerializer.Serialize(message), ct);
        }

        return digest;
    }

    private async Task QueueAsync(string digestKey, string channel, string destination, string payload, CancellationToken ct)
    {
        var queued = await outbox.EnqueueAsync(new OutboxItem($"{digestKey}:{channel}", channel, destination, payload), ct);
        if (queued)
        {
            logger.DigestQueued(digestKey, channel);
        }
        else
        {
            logger.DigestAlreadyQueued(digestKey, channel);
        }
    }

    private string? RecordLinkBase()
    {
        var configured = options.Value.RecordLinkBaseUrl;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured.TrimEnd('/');
        }

        // The My Domain login URL also serves /{recordId} links, and needs no call to Salesforce.
        return salesforceOptions.Value.LoginUrl?.GetLeftPart(UriPartial.Authority);
    }
}
