using System.Text.Json;
using CrmSignalWorker.Core.Changes;
using CrmSignalWorker.Core.Normalization;
using CrmSignalWorker.Salesforce.History;
using CrmSignalWorker.Salesforce.PubSub;
using CrmSignalWorker.Salesforce.PubSub.Protocol;
using CrmSignalWorker.Storage.Actors;
using CrmSignalWorker.Storage.Ingest;
using CrmSignalWorker.Storage.Records;
using Google.Protobuf;
using Microsoft.Extensions.DependencyInjection;

namespace CrmSignalWorker.Sources;

public enum RedriveResult
{
    /// <summary>The payload decoded; its rows are stored and the entry is resolved.</summary>
    Redriven = 0,

    /// <summary>It still cannot be read; the entry stays in quarantine.</summary>
    StillFailing = 1,

    /// <summary>Someone re-drove it first; nothing was written.</summary>
    AlreadyResolved = 2,
}

public sealed record RedriveOutcome(long QuarantineId, RedriveResult Result, string Detail);

/// <summary>
/// Re-drives quarantined payloads after a fix (a schema that is readable again, a parser that learned a new shape):
/// each is decoded and normalized exactly as when it arrived, and its rows are written with the entry's resolution in
/// one transaction. A payload that still fails stays quarantined with its original reason.
/// </summary>
public sealed class QuarantineRedriver(
    QuarantineStore quarantine,
    ChangeStore store,
    IServiceProvider services,
    ReceivedEventNormalizer normalizer,
    UserStore users,
    RecordStore records,
    NormalizationRules rules)
{
    public async Task<IReadOnlyList<RedriveOutcome>> RedriveAsync(IReadOnlyCollection<long>? ids, CancellationToken ct)
    {
        var entries = ids is { Count: > 0 }
            ? (await Task.WhenAll(ids.Select(id => quarantine.GetAsync(id, ct)))).ToList()
            : (await quarantine.ListAsync(includeResolved: false, limit: 10_000, ct)).Cast<QuarantineEntry?>().ToList();
        var directory = await users.DirectoryAsync(ct);
        var outcomes = new List<RedriveOutcome>();
        foreach (var (entry, index) in entries.Select((e, i) => (e, i)))
        {
            if (entry is null)
            {
                outcomes.Add(new RedriveOutcome(ids!.ElementAt(index), RedriveResult.StillFailing, "no quarantine entry with this id"));
                continue;
            }

            if (entry.ResolvedAt is not null)
            {
                outcomes.Add(new RedriveOutcome(entry.Id, RedriveResult.AlreadyResolved, entry.Resolution ?? "resolved"));
                continue;
            }

            outcomes.Add(await RedriveAsync(entry, directory, ct));
        }

        return outcomes;
    }

    private async Task<RedriveOutcome> RedriveAsync(QuarantineEntry entry, Core.Actors.ActorDirectory directory, CancellationToken ct)
    {
        IngestBatch batch;
        try
        {
            batch = entry.Source == QuarantinedEvent.Source
                ? await DecodeEventAsync(entry, directory, ct)
                : await ParseHistoryRowAsync(entry, directory, ct);
        }
        catch (FormatException ex)
        {
            return new RedriveOutcome(entry.Id, RedriveResult.StillFailing, ex.Message);
        }

        if (batch.Quarantined.Count > 0)
        {
            return new RedriveOutcome(entry.Id, RedriveResult.StillFailing, batch.Quarantined[0].Reason);
        }

        var written = await store.IngestRedrivenAsync(batch with { Quarantined = [] }, entry.Id, "re-driven", ct);
        return written
            ? new RedriveOutcome(entry.Id, RedriveResult.Redriven, $"{batch.FieldChanges.Count} field changes, {batch.WorkflowEvents.Count} workflow events")
            : new RedriveOutcome(entry.Id, RedriveResult.AlreadyResolved, "resolved meanwhile");
    }

    private async Task<IngestBatch> DecodeEventAsync(QuarantineEntry entry, Core.Actors.ActorDirectory directory, CancellationToken ct)
    {
        var stored = QuarantinedEvent.Parse(entry.Payload);
        var consumerEvent = new ConsumerEvent
        {
            Event = new ProducerEvent { Id = stored.EventId, SchemaId = stored.SchemaId, Payload = ByteString.CopyFrom(stored.Payload) },
            ReplayId = ByteString.CopyFrom(stored.ReplayId),
        };
        // Resolved here, not injected: re-driving history rows must not need the Salesforce settings a schema fetch needs.
        var schemas = services.GetRequiredService<SchemaCache>();
        var schema = string.IsNullOrEmpty(stored.SchemaId) ? null : await schemas.GetSchemaAsync(stored.SchemaId, ct);
        var decoded = normalizer.Decode(new ReceivedEvent(stored.Topic, consumerEvent, schema, schema is null ? "the event names no schema id" : null, EndsResponse: true));
        if (decoded.QuarantineReason is { } reason)
        {
            throw new FormatException(reason);
        }

        var markets = await records.MarketsAsync(decoded.RecordIds.ToHashSet(StringComparer.Ordinal), ct);
        return normalizer.Normalize([decoded], directory, markets);
    }

    private async Task<IngestBatch> ParseHistoryRowAsync(QuarantineEntry entry, Core.Actors.ActorDirectory directory, CancellationToken ct)
    {
        const string Prefix = "history:";
        if (!entry.Source.StartsWith(Prefix, StringComparison.Ordinal))
        {
            throw new FormatException($"quarantine source '{entry.Source}' is not one the worker can re-drive");
        }

        var historyObject = entry.Source[Prefix.Length..];
        JsonElement record;
        try
        {
            record = JsonDocument.Parse(entry.Payload).RootElement;
        }
        catch (JsonException ex)
        {
            throw new FormatException("the stored row is not JSON: " + ex.Message, ex);
        }

        if (historyObject == SalesforceObjects.OpportunityHistory)
        {
            return new IngestBatch([], [], [HistoryRowParser.ParseSnapshot(record)], []);
        }

        var row = HistoryRowParser.ParseFieldHistory(historyObject, HistoryQuery.ParentKeyOf(historyObject), record);
        var markets = await records.MarketsAsync([row.ParentId], ct);
        var normalized = HistoryNormalizer.Normalize([row], directory, markets, rules);
        return new IngestBatch(normalized.FieldChanges, normalized.WorkflowEvents, [], []);
    }
}
