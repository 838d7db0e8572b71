namespace CrmSignalWorker.Core.Changes;

/// <summary>
/// The ChangeEventHeader of a Salesforce Change Data Capture event, with the field bitmaps already decoded
/// to field names (top-level "StageName", compound children "BillingAddress.Street").
/// </summary>
/// <param name="EntityName">The object's API name, e.g. <c>Opportunity</c>.</param>
/// <param name="RecordIds">Usually one id; Salesforce merges identical changes to several records of one transaction.
/// Empty for <c>GAP_OVERFLOW</c>.</param>
/// <param name="ChangeType">CREATE, UPDATE, DELETE, UNDELETE, GAP_* or GAP_OVERFLOW (see <see cref="ChangeEventTypes"/>).</param>
/// <param name="ChangeOrigin"><c>com/salesforce/api/&lt;api&gt;/&lt;ver&gt;;client=&lt;id&gt;</c>, or empty when Salesforce did not populate it.</param>
/// <param name="TransactionKey">Shared by every change of one transaction.</param>
/// <param name="SequenceNumber">Order within the transaction, from 1.</param>
/// <param name="CommitNumber">The transaction's SCN; diagnostic only.</param>
/// <param name="CommitUser">Id of the user who made the change.</param>
/// <param name="ChangedFields">Fields changed by an UPDATE, LastModifiedDate included.</param>
/// <param name="NulledFields">Fields an UPDATE set to null.</param>
/// <param name="DiffFields">Large text fields whose value was sent as a unified diff rather than the value.</param>
public sealed record ChangeEventHeader(
    string EntityName,
    IReadOnlyList<string> RecordIds,
    string ChangeType,
    string ChangeOrigin,
    string TransactionKey,
    int SequenceNumber,
    DateTimeOffset CommitTimestamp,
    long CommitNumber,
    string CommitUser,
    IReadOnlyList<string> ChangedFields,
    IReadOnlyList<string> NulledFields,
    IReadOnlyList<string> DiffFields);
