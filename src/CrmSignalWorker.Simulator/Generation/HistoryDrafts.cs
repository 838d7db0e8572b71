namespace CrmSignalWorker.Simulator.Generation;

/// <summary>
/// History rows before they get ids. Ids are handed out afterwards in (CreatedDate, write order), as Salesforce's
/// roughly time-ordered keys would be; <see cref="Sequence"/> keeps rows of one save, and saves in one second, in write order.
/// </summary>
internal sealed class HistoryDrafts
{
    private long _sequence;

    public List<FieldDraft> Fields { get; } = [];

    public List<SnapshotDraft> Snapshots { get; } = [];

    public void AddField(
        HistoryObject historyObject, string parentId, string field, string? dataType, string? oldValue, string? newValue, string actorId, DateTimeOffset at) =>
        Fields.Add(new FieldDraft(_sequence++, historyObject, parentId, field, dataType, oldValue, newValue, actorId, at));

    public void AddSnapshot(SnapshotDraft draft) => Snapshots.Add(draft with { Sequence = _sequence++ });
}

internal enum HistoryObject
{
    OpportunityFieldHistory,
    LeadHistory,
    AccountHistory,
    ContactHistory,
    CaseHistory,
    DealRegistrationHistory,
}

internal sealed record FieldDraft(
    long Sequence,
    HistoryObject Object,
    string ParentId,
    string Field,
    string? DataType,
    string? OldValue,
    string? NewValue,
    string ActorId,
    DateTimeOffset At);

internal sealed record SnapshotDraft(
    long Sequence,
    string OpportunityId,
    string StageName,
    decimal Amount,
    DateOnly CloseDate,
    decimal Probability,
    string ForecastCategory,
    decimal? PrevAmount,
    DateOnly? PrevCloseDate,
    string ActorId,
    DateTimeOffset At);
