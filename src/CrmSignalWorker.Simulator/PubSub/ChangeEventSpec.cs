namespace CrmSignalWorker.Simulator.PubSub;

/// <summary>A change event a test publishes on the org's bus with <see cref="SimulatedPubSub.PublishChange"/>.</summary>
public sealed class ChangeEventSpec
{
    /// <summary><c>Opportunity</c>, <c>Lead</c>, <c>Account</c>, <c>Contact</c>, <c>Case</c> or <c>Deal_Registration__c</c>.</summary>
    public required string Entity { get; init; }

    /// <summary>One id usually; several when Salesforce merges identical changes made in one transaction.</summary>
    public required IReadOnlyList<string> RecordIds { get; init; }

    /// <summary>CREATE, UPDATE, DELETE or UNDELETE; gap and overflow events have their own publish methods.</summary>
    public ChangeType ChangeType { get; init; } = ChangeType.Update;

    /// <summary>
    /// Field name to value (null sets the field to null and lists it in nulledFields). Compound fields use a dotted path
    /// (<c>Name.FirstName</c> on Lead). Values: <see cref="string"/>; numbers for Amount and Probability;
    /// <see cref="DateOnly"/> for CloseDate; <see cref="DateTimeOffset"/> for date-times; <see cref="bool"/>; or the
    /// Avro <see cref="long"/> epoch milliseconds directly. An UPDATE lists every given field in changedFields and adds
    /// LastModifiedDate (the commit time) unless given.
    /// </summary>
    public IReadOnlyDictionary<string, object?> Fields { get; init; } = new Dictionary<string, object?>(StringComparer.Ordinal);

    /// <summary>Defaults to the org's run-as user (the Sales Ops admin).</summary>
    public string? CommitUser { get; init; }

    /// <summary>For example <c>com/salesforce/api/rest/62.0;client=MarketoSync</c>; empty by default, as for automation.</summary>
    public string ChangeOrigin { get; init; } = "";

    /// <summary>
    /// Null starts a new transaction. Repeating the key of the previous live event continues that transaction:
    /// same commitNumber, next sequenceNumber.
    /// </summary>
    public string? TransactionKey { get; init; }

    /// <summary>Null numbers the event within its transaction automatically (1, 2, …).</summary>
    public int? SequenceNumber { get; init; }

    /// <summary>Defaults to the org clock's now.</summary>
    public DateTimeOffset? CommitTimestamp { get; init; }
}
