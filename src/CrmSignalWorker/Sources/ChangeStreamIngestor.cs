using System.Globalization;
using System.Threading.Channels;
using CrmSignalWorker.Alerts;
using CrmSignalWorker.Core.Actors;
using CrmSignalWorker.Core.Alerts;
using CrmSignalWorker.Core.Normalization;
using CrmSignalWorker.Salesforce.PubSub;
using CrmSignalWorker.Storage.Actors;
using CrmSignalWorker.Storage.Ingest;
using CrmSignalWorker.Storage.Leases;
using CrmSignalWorker.Storage.Records;
using CrmSignalWorker.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmSignalWorker.Sources;

/// <summary>
/// The change-stream source for one channel: streams from the stored replay id and writes what it received together
/// with the replay id that covers it, in one transaction per batch of responses (<see cref="CommitBatchPolicy"/>). A
/// crash re-delivers at most what was not committed, which adds nothing on the second write.
/// </summary>
/// <remarks>
/// Three loops overlap, joined by bounded channels: the receiver (gRPC, Avro decoding, attribution, normalization),
/// the <see cref="StreamBatcher"/>, and the committer. While one batch is written the next is received and normalized,
/// so the client's work hides behind the database's; a full channel holds the receiver back, and with it the
/// subscriber's flow control, so no more than a few batches are ever in memory.
/// </remarks>
public sealed class ChangeStreamIngestor(
    PubSubSubscriber subscriber,
    ReceivedEventNormalizer normalizer,
    ChangeStore store,
    UserStore userStore,
    UserDirectorySync userSync,
    RecordStore records,
    OperatorAlertPublisher alerts,
    IOptions<PubSubOptions> options,
    IOptions<HistoryOptions> history,
    WorkerTelemetry telemetry,
    TimeProvider timeProvider,
    ILogger<ChangeStreamIngestor> logger)
{
    /// <summary>How often an unknown user may send the worker to Salesforce for the user directory.</summary>
    private static readonly TimeSpan UserSyncSpacing = TimeSpan.FromMinutes(5);

    /// <summary>When the stream never stored a position, the hole reaches back over Salesforce's whole retention.</summary>
    private static readonly TimeSpan StreamRetention = TimeSpan.FromHours(72);

    private ActorDirectory? _directory;
    private DateTimeOffset _lastUserSync = DateTimeOffset.MinValue;

    public static string StreamOf(string topic) => "cdc:" + topic;

    /// <summary>Normalized parts waiting for the batcher; small, since parts are at most one response each.</summary>
    private const int PartsInFlight = 2;

    /// <summary>Batches waiting for the committer: one is filled while another waits and a third is written.</summary>
    private const int BatchesInFlight = 1;

    /// <summary>Streams <paramref name="topic"/> until <paramref name="ct"/> is cancelled or the stream fails for good.</summary>
    /// <exception cref="ReplayIdRejectedException">The stored replay id is no longer accepted; see <see cref="RecoverLostPositionAsync"/>.</exception>
    /// <param name="fence">When given, each batch commits only while this replica holds the channel's lease.</param>
    /// <remarks>
    /// When <paramref name="ct"/> is cancelled (shutdown) the receiver stops, and what it had received and normalized
    /// is still committed with its replay id (bounded by the host's shutdown timeout) before the cancellation surfaces.
    /// When the stream fails, what was received before the failure is committed before the failure is thrown.
    /// </remarks>
    public async Task RunAsync(string topic, CancellationToken ct, LeaseFence? fence = null)
    {
        var stream = StreamOf(topic);
        var checkpoint = await store.GetCheckpointAsync(stream, ct);
        var start = checkpoint?.ReplayId is { Length: > 0 } replayId
            ? ReplayStart.After(replayId)
            : options.Value.InitialReplay == InitialReplay.Earliest ? ReplayStart.Earliest : ReplayStart.Latest;
        var watermark = checkpoint?.Watermark;
        logger.ChangeStreamStarting(topic, start.ToString());

        var policy = CommitBatchPolicy.From(options.Value);
        var parts = Channel.CreateBounded<NormalizedEvents>(new BoundedChannelOptions(PartsInFlight) { SingleReader = true, SingleWriter = true });
        var batches = Channel.CreateBounded<NormalizedEvents>(new BoundedChannelOptions(BatchesInFlight) { SingleReader = true, SingleWriter = true });
        // Set only when the committer fails: what is in flight can no longer be committed, so the other loops stop.
        using var abort = new CancellationTokenSource();
        using var receiving = CancellationTokenSource.CreateLinkedTokenSource(ct, abort.Token);
        var receiver = Task.Run(() => ReceiveAsync(topic, start, policy.PartEvents(options.Value.BatchSize), parts.Writer, receiving.Token, abort.Token), CancellationToken.None);
        var batcher = Task.Run(() => new StreamBatcher(policy, timeProvider).RunAsync(parts.Reader, batches.Writer, abort.Token), CancellationToken.None);
        try
        {
            // Not cancelled by shutdown: a batch received is committed, and the stream stops after it.
            await foreach (var batch in batches.Reader.ReadAllAsync(CancellationToken.None))
            {
                // The fence still refuses the commit if the lease moved on.
                watermark = await CommitAsync(topic, stream, batch, watermark, fence);
            }

            await batcher;
        }
        catch
        {
            await abort.CancelAsync();
            // Their ends are consequences of the abort; the committer's failure is the one to report.
            await Task.WhenAll(receiver, batcher).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            throw;
        }

        // Everything received is committed; the receiver's end (shutdown or a failure) is what RunAsync reports.
        await receiver;
    }

    /// <summary>
    /// Receives, decodes and normalizes the stream in parts of at most one response, and hands them to the batcher,
    /// until <paramref name="ct"/> ends it or the stream fails; then completes <paramref name="parts"/>.
    /// </summary>
    private async Task ReceiveAsync(
        string topic, ReplayStart start, int partEvents, ChannelWriter<NormalizedEvents> parts, CancellationToken ct, CancellationToken abort)
    {
        try
        {
            var pending = new List<ReceivedEvent>(partEvents);
            await foreach (var received in subscriber.StreamAsync(topic, start, ct))
            {
                pending.Add(received);
                if (received.EndsResponse || pending.Count >= partEvents)
                {
                    var part = await NormalizeAsync(pending, ct);
                    pending.Clear();
                    // Handed over even during shutdown, so it is committed with the rest; only a failed committer refuses it.
                    await parts.WriteAsync(part, abort);
                }
            }
        }
        finally
        {
            parts.TryComplete();
        }
    }

    /// <summary>
    /// The server no longer accepts the stored replay id (older than the retention window, or corrupt). The hole is
    /// never skipped silently: an operator alert goes out, the history of the channel's objects is queued for a
    /// re-read from the last stored change, and the stream forgets the id so it can start again.
    /// </summary>
    public async Task RecoverLostPositionAsync(string topic, ReplayIdRejectedException rejected, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rejected);
        var stream = StreamOf(topic);
        var checkpoint = await store.GetCheckpointAsync(stream, ct);
        var now = timeProvider.GetUtcNow();
        var since = (checkpoint?.Watermark ?? now - StreamRetention) - history.Value.Overlap;
        var historyObjects = HistoryObjectsOfTopic(topic);
        var reason = $"replay id {ReplayId.Format(rejected.ReplayId)} rejected on {topic}";
        var rereads = historyObjects.Select(o => new HistoryReread(o, [], since, reason)).ToList();

        var sinceText = since.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
        var detail = historyObjects.Count > 0
            ? $"Salesforce no longer accepts the stored position (replay id {ReplayId.Format(rejected.ReplayId)}) of {topic}: it is older than the retention window or corrupt. "
              + $"The stream starts again from {options.Value.InitialReplay.ToString().ToUpperInvariant()}, and {string.Join(", ", historyObjects)} is re-read from {sinceText} to fill the hole. "
              + "Writes to fields without history tracking in that window cannot be recovered."
            : $"Salesforce no longer accepts the stored position (replay id {ReplayId.Format(rejected.ReplayId)}) of {topic}. "
              + $"Events published on it since {sinceText} are lost: no history object holds them. Field writes are not affected.";
        await alerts.RaiseAsync(
            new OperatorAlert($"replay-rejected:{topic}:{Convert.ToHexStringLower(rejected.ReplayId ?? [])}", AlertSeverity.Critical, $"Change stream {topic} lost its position", detail, now),
            ct);
        await store.AbandonReplayIdAsync(stream, rereads, ct);
        logger.ChangeStreamPositionLost(topic, ReplayId.Format(rejected.ReplayId), rereads.Count, since);
    }

    private List<string> HistoryObjectsOfTopic(string topic)
    {
        if (topic.StartsWith("/event/", StringComparison.Ordinal))
        {
            return [];
        }

        var objects = SalesforceObjects.ObjectOfChangeEventTopic(topic) is { } objectName
            ? [objectName]
            : history.Value.Objects.Select(SalesforceObjects.TrackedObjectOf);
        return objects.Distinct(StringComparer.Ordinal).SelectMany(normalizer.HistoryObjectsOf).Distinct(StringComparer.Ordinal).ToList();
    }

    private async Task<NormalizedEvents> NormalizeAsync(List<ReceivedEvent> received, CancellationToken ct)
    {
        var decoded = received.Select(normalizer.Decode).ToList();
        var directory = await DirectoryForAsync(decoded, ct);
        var markets = await records.MarketsAsync(decoded.SelectMany(d => d.RecordIds).ToHashSet(StringComparer.Ordinal), ct);
        var batch = normalizer.Normalize(decoded, directory, markets);
        telemetry.CountUnsettled(batch.FieldChanges, "cdc");
        DateTimeOffset? newest = null;
        foreach (var d in decoded)
        {
            if ((d.Change?.Header.CommitTimestamp ?? d.Message?.CreatedDate) is { } committed && (newest is null || committed > newest))
            {
                newest = committed;
            }
        }

        var gaps = decoded.Count(d => d.Change?.IsGap == true);
        return new NormalizedEvents(batch, received.Count, gaps, received[^1].ReplayId, newest, timeProvider.GetUtcNow());
    }

    private async Task<DateTimeOffset?> CommitAsync(string topic, string stream, NormalizedEvents received, DateTimeOffset? watermark, LeaseFence? fence)
    {
        using var activity = WorkerTelemetry.Source.StartActivity("cdc.ingest_batch");
        activity?.SetTag("crmsignal.topic", topic);
        activity?.SetTag("crmsignal.events", received.Events);
        var batch = received.Batch;
        if (received.NewestCommit is { } n && (watermark is null || n > watermark))
        {
            watermark = n;
        }

        // Never cancelled: a batch received is committed even when shutdown has begun.
        var result = await store.IngestAsync(batch, new Checkpoint(stream, watermark, received.LastReplayId), CancellationToken.None, fence);

        telemetry.ChangesIngested.Add(result.FieldChanges, new("source", "cdc"), new("object", topic));
        telemetry.RowsQuarantined.Add(result.Quarantined, new("source", "cdc"), new("object", topic));
        telemetry.StreamEvents.Add(batch.Quarantined.Count, new("topic", topic), new("outcome", "quarantined"));
        telemetry.StreamEvents.Add(received.Gaps, new("topic", topic), new("outcome", "gap"));
        telemetry.StreamEvents.Add(received.Events - batch.Quarantined.Count - received.Gaps, new("topic", topic), new("outcome", "stored"));
        if (received.NewestCommit is { } latest)
        {
            telemetry.StreamLag.Record((timeProvider.GetUtcNow() - latest).TotalSeconds, new KeyValuePair<string, object?>("topic", topic));
        }

        foreach (var quarantined in batch.Quarantined)
        {
            logger.EventQuarantined(topic, quarantined.SourceKey, quarantined.Reason);
        }

        foreach (var reread in batch.Rereads ?? [])
        {
            logger.GapQueuedForReread(topic, reread.HistoryObject, reread.RecordIds.Count, reread.Since);
        }

        return watermark;
    }

    /// <summary>
    /// The stored directory, reloaded when a batch names a user it lacks; a user unknown to the store too sends the
    /// worker to Salesforce for the directory, at most every few minutes, so a burst of new users costs one call.
    /// </summary>
    private async Task<ActorDirectory> DirectoryForAsync(IReadOnlyList<DecodedEvent> decoded, CancellationToken ct)
    {
        var userIds = decoded.Select(d => d.UserId).OfType<string>().Where(id => id.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        _directory ??= await userStore.DirectoryAsync(ct);
        if (userIds.All(_directory.Contains))
        {
            return _directory;
        }

        _directory = await userStore.DirectoryAsync(ct);
        var now = timeProvider.GetUtcNow();
        if (userIds.All(_directory.Contains) || now - _lastUserSync < UserSyncSpacing)
        {
            return _directory;
        }

        _lastUserSync = now;
        try
        {
            _directory = await userSync.SyncAsync(ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Storing the changes matters more than naming their writers now; unknown writers stay "unknown".
            logger.UserDirectoryUnavailable(ex);
        }

        return _directory;
    }
}
