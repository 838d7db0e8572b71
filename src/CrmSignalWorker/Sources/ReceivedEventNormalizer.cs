using CrmSignalWorker.Core.Actors;
using CrmSignalWorker.Core.Changes;
using CrmSignalWorker.Core.Normalization;
using CrmSignalWorker.Salesforce.PubSub;
using CrmSignalWorker.Storage.Ingest;
using Microsoft.Extensions.Options;

namespace CrmSignalWorker.Sources;

/// <summary>One received event, decoded: a change event, a workflow-event message, or the reason it is quarantined.</summary>
public sealed record DecodedEvent(ReceivedEvent Received, ChangeEvent? Change, PlatformEvent? Message, string? QuarantineReason)
{
    public IEnumerable<string> RecordIds =>
        Change?.Header.RecordIds ?? (Message?["Record_Id__c"] is { } id ? [id] : []);

    public string? UserId => Change?.Header.CommitUser ?? Message?.CreatedById;
}

/// <summary>
/// Decodes what a change stream delivered and turns it into one ingest: field writes and workflow events from change
/// events and workflow-event messages, history re-reads for gap events, quarantine for anything unreadable.
/// </summary>
public sealed class ReceivedEventNormalizer(
    ChangeEventDecoder changeDecoder,
    PlatformEventDecoder platformDecoder,
    IOptions<HistoryOptions> history,
    NormalizationRules rules,
    TimeProvider timeProvider)
{
    public DecodedEvent Decode(ReceivedEvent received)
    {
        ArgumentNullException.ThrowIfNull(received);
        if (received.Schema is null)
        {
            return new DecodedEvent(received, null, null, received.SchemaError ?? "no schema");
        }

        try
        {
            return received.Topic.StartsWith("/event/", StringComparison.Ordinal)
                ? new DecodedEvent(received, null, platformDecoder.Decode(received.Event, received.Topic, received.Schema), null)
                : new DecodedEvent(received, changeDecoder.Decode(received.Event, received.Topic, received.Schema), null, null);
        }
        catch (ChangeEventDecodingException ex)
        {
            return new DecodedEvent(received, null, null, ex.Reason);
        }
    }

    public IngestBatch Normalize(IReadOnlyList<DecodedEvent> events, ActorDirectory actors, IReadOnlyDictionary<string, string> recordMarkets)
    {
        ArgumentNullException.ThrowIfNull(events);
        var changes = new List<FieldChange>();
        var workflowEvents = new List<WorkflowEvent>();
        var quarantined = new List<QuarantinedPayload>();
        var rereads = new List<HistoryReread>();
        foreach (var decoded in events)
        {
            try
            {
                if (decoded.Change is { IsGap: true } gap)
                {
                    rereads.AddRange(RereadsFor(gap));
                }
                else if (decoded.Change is { } change)
                {
                    var normalized = CdcNormalizer.Normalize(change, actors, recordMarkets, rules);
                    changes.AddRange(normalized.FieldChanges);
                    workflowEvents.AddRange(normalized.WorkflowEvents);
                }
                else if (decoded.Message is { } message)
                {
                    workflowEvents.Add(WorkflowEventMessageNormalizer.Normalize(message, actors, recordMarkets, rules));
                }
                else
                {
                    quarantined.Add(QuarantinedEvent.From(decoded.Received, decoded.QuarantineReason ?? "undecodable", timeProvider.GetUtcNow()));
                }
            }
            catch (FormatException ex)
            {
                quarantined.Add(QuarantinedEvent.From(decoded.Received, ex.Message, timeProvider.GetUtcNow()));
            }
        }

        return new IngestBatch(changes, workflowEvents, [], quarantined, rereads);
    }

    /// <summary>
    /// A gap event says changes to its records (or, for GAP_OVERFLOW, to any record of the object) happened but were
    /// not delivered; their history from the gap's commit second, less the overlap, holds them.
    /// </summary>
    public IReadOnlyList<HistoryReread> RereadsFor(ChangeEvent gap)
    {
        ArgumentNullException.ThrowIfNull(gap);
        var header = gap.Header;
        var since = DateTimeOffset.FromUnixTimeSeconds(header.CommitTimestamp.ToUnixTimeSeconds()) - history.Value.Overlap;
        var recordIds = gap.IsOverflow
            ? []
            : header.RecordIds.Where(id => !string.IsNullOrEmpty(id) && !id.Contains('*', StringComparison.Ordinal)).ToList();
        if (!gap.IsOverflow && recordIds.Count == 0)
        {
            return [];
        }

        var reason = $"{header.ChangeType} on {gap.Topic} at replay id {ReplayId.Format(gap.ReplayId)}";
        return HistoryObjectsOf(header.EntityName).Select(o => new HistoryReread(o, recordIds, since, reason)).ToList();
    }

    /// <summary>The object's field history, and for opportunities the stage snapshots too when they are polled.</summary>
    public IEnumerable<string> HistoryObjectsOf(string entityName)
    {
        yield return SalesforceObjects.HistoryObjectOf(entityName);
        if (entityName == "Opportunity" && history.Value.Objects.Contains(SalesforceObjects.OpportunityHistory, StringComparer.Ordinal))
        {
            yield return SalesforceObjects.OpportunityHistory;
        }
    }
}
