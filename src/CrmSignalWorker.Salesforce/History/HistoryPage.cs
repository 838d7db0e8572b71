using CrmSignalWorker.Core.Changes;

namespace CrmSignalWorker.Salesforce.History;

/// <summary>One page of a history object, decoded.</summary>
/// <param name="Watermark">The latest CreatedDate on the page (quarantined rows included), or null for an empty page.</param>
public sealed record HistoryPage(
    string HistoryObject,
    IReadOnlyList<HistoryRow> Rows,
    IReadOnlyList<OpportunitySnapshot> Snapshots,
    IReadOnlyList<QuarantinedPayload> Quarantined,
    DateTimeOffset? Watermark);
