using CrmSignalWorker.Core.Audit;
using CrmSignalWorker.Core.Changes;

namespace CrmSignalWorker.Salesforce.History;

/// <summary>One page of the Setup audit trail, decoded.</summary>
/// <param name="Watermark">The latest CreatedDate on the page (quarantined rows included), or null for an empty page.</param>
public sealed record SetupAuditPage(IReadOnlyList<SetupAuditRow> Rows, IReadOnlyList<QuarantinedPayload> Quarantined, DateTimeOffset? Watermark);
